package io.github.hotcert.follow;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The session contexts (session caches) of the SSL contexts that handshakes with the
 * managers of a {@link FollowingSslBundle} used, held weakly. A client resumes a cached
 * session without asking its key manager again, and the server then sees the certificate
 * of that session: the sessions are invalidated when the bundle follows new material, so
 * that the next connection makes a full handshake with it.
 */
final class SessionContexts {

	private final Map<SSLSessionContext, Boolean> contexts = new WeakHashMap<>();

	/**
	 * The context seen last: most bundles are used by one SSL context, so a handshake
	 * usually costs a comparison here and nothing more. Held weakly too, so that a client
	 * that is dropped takes its session cache with it.
	 */
	private WeakReference<SSLSessionContext> last = new WeakReference<>(null);

	void record(SSLSession handshakeSession) {
		SSLSessionContext context = (handshakeSession != null) ? handshakeSession.getSessionContext() : null;
		if (context == null || context == this.last.get()) {
			return;
		}
		synchronized (this.contexts) {
			this.contexts.put(context, Boolean.TRUE);
		}
		this.last = new WeakReference<>(context);
	}

	/**
	 * Return how many session contexts are known: roughly, how many SSL contexts built
	 * from the bundle have made a handshake and are still in use.
	 * @return the number of session contexts
	 */
	int count() {
		synchronized (this.contexts) {
			return this.contexts.size();
		}
	}

	void invalidate() {
		List<SSLSessionContext> recorded;
		synchronized (this.contexts) {
			recorded = new ArrayList<>(this.contexts.keySet());
		}
		for (SSLSessionContext context : recorded) {
			Enumeration<byte[]> ids = context.getIds();
			while (ids.hasMoreElements()) {
				SSLSession session = context.getSession(ids.nextElement());
				if (session != null) {
					session.invalidate();
				}
			}
		}
	}

}
