package org.sparkprop.train;

/** Loss and correct counts of a fixed data set (e.g. the validation set) at given weights. */
@FunctionalInterface
public interface Evaluator {

  GradientSum evaluate(float[] theta);
}
