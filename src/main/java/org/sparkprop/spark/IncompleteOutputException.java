package org.sparkprop.spark;

/**
 * A directory output (a model) whose writing never finished: its files are there but not the
 * marker {@value HadoopOutput#MARKER} written after them, as a crash on a store without rename
 * leaves it. Readers refuse it rather than read half of it.
 */
public class IncompleteOutputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public IncompleteOutputException(String dir, String what) {
    super(dir + " is an incomplete " + what + ": it has no " + HadoopOutput.MARKER
        + " marker, so its writing did not finish; write it again");
  }
}
