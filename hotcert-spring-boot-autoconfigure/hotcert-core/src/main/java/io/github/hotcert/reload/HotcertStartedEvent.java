package io.github.hotcert.reload;

import org.springframework.context.ApplicationEvent;

/**
 * Published when {@code hotcert.startup.delay} has passed after the application started
 * (each time the {@link ReloadLifecycle} starts), on the thread that then watches the
 * files and validates what every bundle serves, before it does either. What hotcert does
 * not need while the application starts, such as registering its reload meters, waits for
 * this event, so that it does not compete with the application's first requests.
 */
public class HotcertStartedEvent extends ApplicationEvent {

	/**
	 * Create a new {@link HotcertStartedEvent}.
	 * @param source the lifecycle that starts hotcert
	 */
	public HotcertStartedEvent(Object source) {
		super(source);
	}

}
