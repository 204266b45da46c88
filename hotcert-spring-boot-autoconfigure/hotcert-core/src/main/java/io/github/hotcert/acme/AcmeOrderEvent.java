package io.github.hotcert.acme;

import org.springframework.context.ApplicationEvent;

/**
 * Published after every order of a certificate from an ACME CA, issued or failed.
 */
public class AcmeOrderEvent extends ApplicationEvent {

	private final AcmeOrderResult result;

	/**
	 * Create a new {@link AcmeOrderEvent}.
	 * @param source the component that ordered
	 * @param result the result of the order
	 */
	public AcmeOrderEvent(Object source, AcmeOrderResult result) {
		super(source);
		this.result = result;
	}

	/**
	 * Return the result of the order.
	 * @return the result
	 */
	public AcmeOrderResult getResult() {
		return this.result;
	}

}
