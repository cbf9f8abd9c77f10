package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizersTest {

  static final double NAN = Double.NaN;

  @Test
  void theNamesInOrder() {
    assertEquals(List.of("sgd", "momentum", "nag", "adagrad", "adadelta", "rmsprop", "adam",
        "adamax", "nadam"), Optimizers.NAMES);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sgd      | GradientDescent(stepSize=0.2)",
      "momentum | Momentum(stepSize=0.03, momentum=0.9)",
      "nag      | Nesterov(stepSize=0.01, momentum=0.9)",
      "adagrad  | Adagrad(stepSize=0.05, epsilon=1e-10)",
      "adadelta | Adadelta(stepSize=1.0, decay=0.95, epsilon=1e-6)",
      "rmsprop  | RmsProp(stepSize=0.003, decay=0.9, epsilon=1e-7)",
      "adam     | Adam(stepSize=0.003, beta1=0.9, beta2=0.999, epsilon=1e-8)",
      "adamax   | Adamax(stepSize=0.01, beta1=0.9, beta2=0.999)",
      "nadam    | Nadam(stepSize=0.005, beta1=0.9, beta2=0.999, epsilon=1e-8)",
      " ADAM    | Adam(stepSize=0.003, beta1=0.9, beta2=0.999, epsilon=1e-8)",
  })
  void everyNameParsesToItsDefaults(String name, String expected) {
    assertEquals(expected, Optimizers.parse(name, OptimizerSettings.DEFAULTS).toString());
    assertEquals(expected, Optimizers.parse(name).toString());
  }

  @Test
  void givenSettingsOverrideTheDefaults() {
    assertEquals(new Adam(0.01f, 0.8f, 0.99f, 1e-6f), Optimizers.parse("adam",
        new OptimizerSettings(0.01, NAN, 0.8, 0.99, 1e-6, NAN)));
    assertEquals(new Adam(0.003f, 0.5f, 0.999f, 1e-8f),
        Optimizers.parse("adam", OptimizerSettings.DEFAULTS.withBeta1(0.5)));
    assertEquals(new Momentum(0.1f, 0.5f), Optimizers.parse("momentum",
        OptimizerSettings.DEFAULTS.withStepSize(0.1).withMomentum(0.5)));
    assertEquals(new Nesterov(0.01f, 0.99f),
        Optimizers.parse("nag", OptimizerSettings.DEFAULTS.withMomentum(0.99)));
    assertEquals(new Adadelta(1f, 0.9f, 1e-5f), Optimizers.parse("adadelta",
        OptimizerSettings.DEFAULTS.withDecay(0.9).withEpsilon(1e-5)));
    assertEquals(new RmsProp(0.01f, 0.99f, 1e-7f), Optimizers.parse("rmsprop",
        OptimizerSettings.DEFAULTS.withStepSize(0.01).withDecay(0.99)));
    assertEquals(new Adamax(0.01f, 0.9f, 0.99f),
        Optimizers.parse("adamax", OptimizerSettings.DEFAULTS.withBeta2(0.99)));
    assertEquals(new Nadam(0.005f, 0.95f, 0.999f, 1e-8f),
        Optimizers.parse("nadam", OptimizerSettings.DEFAULTS.withBeta1(0.95)));
    assertEquals(new Adagrad(0.5f, 1e-10f),
        Optimizers.parse("adagrad", OptimizerSettings.DEFAULTS.withStepSize(0.5)));
    assertEquals(new GradientDescent(0.3f),
        Optimizers.parse("sgd", OptimizerSettings.DEFAULTS.withStepSize(0.3)));
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.parse("adamw", OptimizerSettings.DEFAULTS));
    assertEquals("setting optimizer is 'adamw'; it must be one of sgd, momentum, nag, adagrad,"
        + " adadelta, "
        + "rmsprop, adam, adamax, nadam", e.getMessage());
    String lbfgs = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.parse("lbfgs")).getMessage();
    assertTrue(lbfgs.endsWith("(L-BFGS is full-batch: use Lbfgs)"), lbfgs);
  }

  @Test
  void aSettingTheOptimizerDoesNotUseIsAnError() {
    assertEquals("setting momentum is '0.9'; it must be auto: adam does not use it; adam uses"
        + " stepSize, beta1, beta2, "
        + "epsilon", assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adam",
            OptimizerSettings.DEFAULTS.withMomentum(0.9))).getMessage());
    assertEquals("setting epsilon is '1e-8'; it must be auto: adamax does not use it; adamax"
        + " uses stepSize, beta1, beta2",
        assertThrows(IllegalArgumentException.class, () -> Optimizers.parse("adamax",
            OptimizerSettings.DEFAULTS.withEpsilon(1e-8))).getMessage());
  }

  @Test
  void outOfRangeSettingsFailWithTheRecordsMessage() {
    assertEquals("setting beta1 is '1.0'; it must be a number in [0, 1)", assertThrows(
        IllegalArgumentException.class, () -> Optimizers.parse("adam",
            OptimizerSettings.DEFAULTS.withBeta1(1))).getMessage());
    assertEquals("setting stepSize is '-1.0'; it must be a finite number > 0", assertThrows(
        IllegalArgumentException.class, () -> Optimizers.parse("sgd",
            OptimizerSettings.DEFAULTS.withStepSize(-1))).getMessage());
  }

  @Test
  void hyperparametersPerOptimizer() {
    assertEquals(List.of("stepSize"), Optimizers.hyperparameters("sgd"));
    assertEquals(List.of("stepSize", "momentum"), Optimizers.hyperparameters("momentum"));
    assertEquals(List.of("stepSize", "momentum"), Optimizers.hyperparameters("nag"));
    assertEquals(List.of("stepSize", "epsilon"), Optimizers.hyperparameters("adagrad"));
    assertEquals(List.of("stepSize", "decay", "epsilon"), Optimizers.hyperparameters("adadelta"));
    assertEquals(List.of("stepSize", "decay", "epsilon"), Optimizers.hyperparameters("rmsprop"));
    assertEquals(List.of("stepSize", "beta1", "beta2", "epsilon"),
        Optimizers.hyperparameters("adam"));
    assertEquals(List.of("stepSize", "beta1", "beta2"), Optimizers.hyperparameters("adamax"));
    assertEquals(List.of("stepSize", "beta1", "beta2", "epsilon"),
        Optimizers.hyperparameters("nadam"));
  }

  @Test
  void defaultsPerOptimizer() {
    OptimizerSettings adam = Optimizers.defaults("adam");
    assertEquals(0.003f, (float) adam.stepSize());
    assertEquals(0.9f, (float) adam.beta1());
    assertEquals(0.999f, (float) adam.beta2());
    assertEquals(1e-8f, (float) adam.epsilon());
    assertTrue(Double.isNaN(adam.momentum()) && Double.isNaN(adam.decay()));
    assertEquals(1.0f, (float) Optimizers.defaults("adadelta").stepSize());
    assertEquals(0.95f, (float) Optimizers.defaults("adadelta").decay());
    // defaults(name) fed back to parse gives the same optimizer
    for (String name : Optimizers.NAMES) {
      assertEquals(Optimizers.parse(name), Optimizers.parse(name, Optimizers.defaults(name)), name);
    }
  }

  @Test
  void markdownTableHasARowPerOptimizerAndAColumnPerSetting() {
    String table = Optimizers.markdownTable();
    String[] lines = table.split("\n");
    assertEquals(2 + Optimizers.NAMES.size(), lines.length, table);
    assertEquals("| optimizer | stepSize | momentum | beta1 | beta2 | epsilon | decay | reference |",
        lines[0]);
    assertEquals("| `adam` | 0.003 | — | 0.9 | 0.999 | 1e-8 | — | Kingma & Ba 2015 |", lines[8]);
    assertEquals("| `adadelta` | 1.0 | — | — | — | 1e-6 | 0.95 | Zeiler 2012 |", lines[6]);
  }

  @Test
  void settingsByName() {
    OptimizerSettings s = new OptimizerSettings(1, 2, 3, 4, 5, 6);
    int i = 1;
    for (String name : OptimizerSettings.NAMES) {
      assertEquals(i++, s.get(name));
      assertEquals(42, s.with(name, 42).get(name));
    }
    assertEquals("unknown optimizer setting 'lr'; known: stepSize, momentum, beta1, beta2, "
        + "epsilon, decay", assertThrows(IllegalArgumentException.class,
            () -> s.get("lr")).getMessage());
  }
}
