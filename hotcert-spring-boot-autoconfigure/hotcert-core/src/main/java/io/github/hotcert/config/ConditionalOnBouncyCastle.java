package io.github.hotcert.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * {@link Conditional @Conditional} that matches when Bouncy Castle's PKIX library, with
 * which hotcert parses PEM content and certificates, is on the class path. Unlike
 * {@code @ConditionalOnClass}, it does not load a Bouncy Castle class (see
 * {@link OnBouncyCastleCondition}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnBouncyCastleCondition.class)
public @interface ConditionalOnBouncyCastle {

}
