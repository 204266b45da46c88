package io.github.hotcert.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What hotcert asks of an ACME CA for one bundle. The implementation over acme4j is
 * {@link Acme4jClient}; the logic that decides when to ask lives elsewhere.
 */
interface AcmeClient {

	/**
	 * Find or create the account of the storage directory's key at the CA.
	 * @return the location of the account
	 * @throws AcmeFailure if the CA refuses or cannot be reached
	 * @throws InterruptedException if the thread is interrupted
	 */
	String account() throws AcmeFailure, InterruptedException;

	/**
	 * Ask the CA for the renewal window of a certificate it issued.
	 * @param certificate the certificate
	 * @return the window, or {@code null} when the CA offers no renewal information
	 * @throws AcmeFailure if the CA cannot be asked
	 * @throws InterruptedException if the thread is interrupted
	 */
	RenewalWindow renewalWindow(X509Certificate certificate) throws AcmeFailure, InterruptedException;

	/**
	 * Order a certificate for the bundle's domains, answering the challenges.
	 * @param keyPair the key pair to certify
	 * @param replaces the certificate that the new one replaces, or {@code null}
	 * @return the issued chain, leaf first
	 * @throws AcmeFailure if the order fails
	 * @throws InterruptedException if the thread is interrupted while waiting for the CA
	 */
	List<X509Certificate> order(KeyPair keyPair, X509Certificate replaces) throws AcmeFailure, InterruptedException;

}
