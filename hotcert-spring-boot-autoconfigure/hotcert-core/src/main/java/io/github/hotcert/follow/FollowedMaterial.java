package io.github.hotcert.follow;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslBundle;

/**
 * What a {@link FollowingSslBundle} follows: the bundle it follows now, its managers, the
 * few generations before it, and the TLS sessions made with them. The managers are built
 * when they are first needed: a consumer that reads only the stores of the bundle (a
 * Tomcat connector, for one) never pays for them. Reading the current generation is then
 * one volatile read; following a new bundle builds its managers once, makes them current,
 * and invalidates the sessions made with the previous ones, at once and again a little
 * later (see {@link DelayedSweeps}), so that no new connection resumes a session with the
 * previous identity or trust.
 */
final class FollowedMaterial {

	/**
	 * How many generations are kept: a handshake that chose an alias of a generation just
	 * replaced still finds its key and chain.
	 */
	private static final int KEPT = 4;

	private final String name;

	private final SessionContexts sessions = new SessionContexts();

	private final Consumer<Runnable> later;

	private volatile SslBundle followed;

	/**
	 * The generations of managers, the current one first, or {@code null} until the
	 * managers are first needed.
	 */
	private volatile List<ServedManagers> generations;

	/**
	 * Create a new {@link FollowedMaterial}.
	 * @param name the name of the bundle, for messages
	 * @param bundle the bundle to follow first
	 */
	FollowedMaterial(String name, SslBundle bundle) {
		this(name, bundle, DelayedSweeps::schedule);
	}

	/**
	 * Create a new {@link FollowedMaterial}.
	 * @param name the name of the bundle, for messages
	 * @param bundle the bundle to follow first
	 * @param later runs the sweeps of the sessions again a little after each new bundle
	 * is followed, once the handshakes that were under way have ended
	 */
	FollowedMaterial(String name, SslBundle bundle, Consumer<Runnable> later) {
		this.name = name;
		this.later = later;
		this.followed = bundle;
	}

	/**
	 * Return the bundle followed now.
	 * @return the bundle
	 */
	SslBundle followed() {
		return this.followed;
	}

	/**
	 * Return the managers of the bundle followed now, built the first time they are
	 * needed.
	 * @return the current generation
	 * @throws IllegalStateException if the managers of the bundle cannot be built or
	 * followed
	 */
	ServedManagers current() {
		List<ServedManagers> kept = this.generations;
		return ((kept != null) ? kept : built()).get(0);
	}

	private synchronized List<ServedManagers> built() {
		if (this.generations == null) {
			this.generations = List.of(ServedManagers.of(this.name, 1, this.followed));
		}
		return this.generations;
	}

	/**
	 * Return the managers that handed out an alias.
	 * @param alias an alias handed out by one of the generations, or any other alias
	 * @return the generation that handed it out, the current one for an alias that no
	 * generation handed out, or {@code null} when that generation is no longer kept
	 */
	ServedManagers owner(String alias) {
		long generation = ServedManagers.generationOf(alias);
		List<ServedManagers> kept = this.generations;
		if (kept == null) {
			kept = built();
		}
		if (generation < 0) {
			return kept.get(0);
		}
		for (ServedManagers managers : kept) {
			if (managers.generation() == generation) {
				return managers;
			}
		}
		return null;
	}

	/**
	 * Follow another bundle: new handshakes use its managers. Until the managers are
	 * first needed, only the bundle is kept: its managers are built when they are.
	 * @param bundle the bundle
	 * @throws IllegalStateException if the managers are in use and those of the bundle
	 * cannot be built or followed; the previous bundle is still followed then
	 */
	synchronized void follow(SslBundle bundle) {
		if (this.followed == bundle) {
			return;
		}
		List<ServedManagers> kept = this.generations;
		if (kept == null) {
			this.followed = bundle;
			return;
		}
		List<ServedManagers> next = new ArrayList<>(KEPT);
		next.add(ServedManagers.of(this.name, kept.get(0).generation() + 1, bundle));
		next.addAll(kept.subList(0, Math.min(kept.size(), KEPT - 1)));
		this.generations = List.copyOf(next);
		this.followed = bundle;
		this.sessions.invalidate();
		this.later.accept(this.sessions::invalidate);
	}

	/**
	 * Return how many SSL contexts built from the bundle have made a handshake and are
	 * still in use.
	 * @return the number of SSL contexts
	 */
	int sslContexts() {
		return this.sessions.count();
	}

	/**
	 * Remember the session context of the handshake of an engine, so that its sessions
	 * are invalidated when another bundle is followed.
	 * @param engine the engine, or {@code null}
	 */
	void record(SSLEngine engine) {
		if (engine != null) {
			this.sessions.record(engine.getHandshakeSession());
		}
	}

	/**
	 * Remember the session context of the handshake of a socket, so that its sessions are
	 * invalidated when another bundle is followed.
	 * @param socket the socket, or {@code null}
	 */
	void record(Socket socket) {
		if (socket instanceof SSLSocket sslSocket) {
			this.sessions.record(sslSocket.getHandshakeSession());
		}
	}

}
