package org.qatlas.interpreter.runtime;

/** A value that a for loop or a comprehension walks by index: lists and ranges. */
public interface Sequence {
    long size();

    /** The element at {@code index}, which the caller has checked to be in range. */
    Object get(long index);
}
