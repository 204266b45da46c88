package io.github.hotcert.reload;

import org.springframework.context.ApplicationEvent;

/**
 * Published once {@code hotcert.startup.delay} has passed after the application started,
 * on the thread that then validates what every bundle serves, before it does: the files
 * are watched from now on. What hotcert does not need while the application starts, such
 * as registering its meters, waits for this event, so that it does not compete with the
 * application's first requests.
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
