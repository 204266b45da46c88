package io.github.hotcert.follow;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that delegates to the key manager of the material followed now. Within
 * one handshake the JDK first chooses an alias, then asks for its key and chain: the
 * aliases this key manager hands out name the generation they were chosen from, so that a
 * handshake that started before new material was followed gets the key and the chain of
 * the same material, never the key of one and the chain of the other.
 */
final class FollowingKeyManager extends X509ExtendedKeyManager {

	private final FollowedMaterial material;

	FollowingKeyManager(FollowedMaterial material) {
		this.material = material;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
		ServedManagers current = this.material.current();
		this.material.record(engine);
		return current.alias(current.keyManager().chooseEngineClientAlias(keyType, issuers, engine));
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		ServedManagers current = this.material.current();
		this.material.record(engine);
		return current.alias(current.keyManager().chooseEngineServerAlias(keyType, issuers, engine));
	}

	@Override
	public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
		ServedManagers current = this.material.current();
		this.material.record(socket);
		return current.alias(current.keyManager().chooseClientAlias(keyType, issuers, socket));
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		ServedManagers current = this.material.current();
		this.material.record(socket);
		return current.alias(current.keyManager().chooseServerAlias(keyType, issuers, socket));
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		ServedManagers current = this.material.current();
		return current.aliases(current.keyManager().getClientAliases(keyType, issuers));
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		ServedManagers current = this.material.current();
		return current.aliases(current.keyManager().getServerAliases(keyType, issuers));
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		ServedManagers owner = this.material.owner(alias);
		return (owner != null) ? owner.keyManager().getCertificateChain(delegateAlias(owner, alias)) : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		ServedManagers owner = this.material.owner(alias);
		return (owner != null) ? owner.keyManager().getPrivateKey(delegateAlias(owner, alias)) : null;
	}

	private static String delegateAlias(ServedManagers owner, String alias) {
		return (ServedManagers.generationOf(alias) == owner.generation()) ? owner.delegateAlias(alias) : alias;
	}

}
