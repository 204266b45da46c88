package io.github.hotcert.validation;

import java.util.List;

import io.github.hotcert.source.ChainOrder;
import io.github.hotcert.source.KeyMaterial;
import io.github.hotcert.source.LoadedMaterial;

/**
 * Checks what parsing alone does not: that the leaf certificate comes first in its file,
 * as {@link ChainOrder} judges it. Content that cannot be read or parsed at all never
 * gets this far: it is rejected with the {@link Check#PARSE parse} reason when it is
 * loaded (see {@link MaterialValidator#rejectUnloadable}).
 */
class ParseCheck implements MaterialCheck {

	@Override
	public Check getCheck() {
		return Check.PARSE;
	}

	@Override
	public List<Problem> check(LoadedMaterial material, ValidationSettings settings) {
		KeyMaterial key = material.getKey();
		ChainOrder.Problem problem = (key != null) ? ChainOrder.leafPosition(key.chain()) : null;
		if (problem == null) {
			return List.of();
		}
		String location = Describe.location(key.certificateLocation());
		return List.of(new Problem(location, problem.describe(location)));
	}

}
