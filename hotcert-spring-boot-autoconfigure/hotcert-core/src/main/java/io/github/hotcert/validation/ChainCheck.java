package io.github.hotcert.validation;

import java.util.List;

import io.github.hotcert.source.ChainOrder;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks that each certificate of the chain is issued and signed by the next one in the
 * file, as {@link ChainOrder} judges it.
 */
class ChainCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.CHAIN;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		ChainOrder.Problem problem = (key != null) ? ChainOrder.firstBrokenLink(key.chain()) : null;
		if (problem == null) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		return List.of(new Problem(location, problem.describe(location)));
	}

}
