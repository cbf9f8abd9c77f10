package org.sparkprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings names: activations and losses parse by name and unknown names list the known ones. */
class NameParsingTest {

  static final String[] ACTIVATIONS = {"linear", "relu", "step", "sigmoid", "tanh", "softsign",
      "softmax", "leaky_relu", "prelu", "elu", "maxout"};

  @Test
  void everyActivationParsesByItsOwnName() {
    assertEquals(ACTIVATIONS.length, Activations.ALL.size());
    for (String name : ACTIVATIONS) {
      assertEquals(name, Activations.parse(name).name());
    }
    for (Activation a : Activations.ALL) {
      assertEquals(a, Activations.parse(a.name()));
    }
  }

  /** Softsign's name in earlier versions (and in the model files they wrote) still parses. */
  @Test
  void fastIsSoftsign() {
    assertEquals(new Softsign(), Activations.parse("fast"));
    assertEquals(new Softsign(), Activations.parse(" Fast "));
    assertEquals("softsign", Activations.parse("fast").name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.parse("fast:2"));
    assertTrue(e.getMessage().contains("takes no parameter"), e.getMessage());
  }

  @Test
  void activationNamesIgnoreCaseAndSurroundingSpace() {
    assertEquals(new Relu(), Activations.parse(" ReLU "));
    assertEquals(new Softmax(), Activations.parse("SOFTMAX"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"swish", "", "sigmoidd", "leaky"})
  void unknownActivationListsTheKnownOnes(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Activations.parse(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    for (String known : ACTIVATIONS) {
      assertTrue(e.getMessage().contains(known), "message should list " + known + ": "
          + e.getMessage());
    }
  }

  @Test
  void lossesParseByNameAndAlias() {
    for (String name : new String[] {"squared", "squared_error", "mse", " Squared "}) {
      assertEquals(new SquaredError(), Loss.parse(name), name);
    }
    for (String name : new String[] {"cross_entropy", "crossentropy", "ce", "Cross_Entropy"}) {
      assertEquals(new CrossEntropy(), Loss.parse(name), name);
    }
    assertEquals("squared", new SquaredError().name());
    assertEquals("cross_entropy", new CrossEntropy().name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hinge", "", "l1"})
  void unknownLossListsTheKnownOnes(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.parse(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("squared"), e.getMessage());
    assertTrue(e.getMessage().contains("cross_entropy"), e.getMessage());
  }
}
