package dev.vireo.engine.api;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name people give a VM, disk, template, storage domain or image: 1 to 64 letters, digits, '.', '_'
 * and '-', starting with a letter or digit. Names are shown and searched; they never become paths or
 * libvirt names (those are made from ids).
 */
@NotNull
@Size(min = 1, max = 64)
@Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*",
        message = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ObjectName {
    String message() default "is not a valid name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
