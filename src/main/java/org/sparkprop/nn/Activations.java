package org.sparkprop.nn;

import java.util.List;

/** Looks up activations by the names used in settings. */
public final class Activations {

  /** Every activation, in the order of the notes. */
  public static final List<Activation> ALL = List.of(
      new Linear(), new Relu(), new Step(), new Sigmoid(), new Tanh(), new Fast(), new Softmax());

  private Activations() {}

  /** The activation called {@code name} (case-insensitive); an error lists the known names. */
  public static Activation parse(String name) {
    for (Activation a : ALL) {
      if (a.name().equalsIgnoreCase(name.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + names());
  }

  /** The known names, comma-separated. */
  public static String names() {
    return String.join(", ", ALL.stream().map(Activation::name).toList());
  }
}
