package io.github.hotcert.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests of a class only when a Docker engine answers and has a local image. When
 * either is missing the tests are skipped with a message that says why, except on CI
 * ({@code CI=true}), where they fail instead: there, the engine and the image are part of
 * the build ({@code .ci/run} provides them).
 *
 * @see DockerImageCondition
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerImageCondition.class)
@interface RequiresDockerImage {

	/**
	 * The image that must exist locally (it is never pulled).
	 * @return the image name and tag
	 */
	String value();

	/**
	 * How to build the image, for the message when it is missing.
	 * @return a command or an instruction
	 */
	String howToBuild();

}
