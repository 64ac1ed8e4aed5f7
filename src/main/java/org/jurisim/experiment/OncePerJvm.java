package org.jurisim.experiment;

import java.io.Serializable;

/**
 * A value a distributed task builds once in each JVM it reaches (the evaluator of a sweep, the scenario of
 * replicates): the recipe travels with the task, the value does not (it is transient and rebuilt on first use).
 * Safe to use from several threads of one JVM.
 */
final class OncePerJvm<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Builds the value; travels with the task, so it must be serializable itself. */
    interface Recipe<T> extends Serializable {
        T build() throws Exception;
    }

    private final Recipe<T> recipe;
    private transient volatile T value;

    OncePerJvm(Recipe<T> recipe) {
        this.recipe = recipe;
    }

    T get() throws Exception {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = recipe.build();
                    value = v;
                }
            }
        }
        return v;
    }
}
