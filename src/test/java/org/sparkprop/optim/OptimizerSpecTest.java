package org.sparkprop.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation messages, printing, defaults and serialization of the optimizer records. */
class OptimizerSpecTest {

  static final List<Optimizer> DEFAULTS = List.of(new GradientDescent(), new Momentum(),
      new Nesterov(), new Adagrad(), new Adadelta(), new RmsProp(), new Adam(), new Adamax(),
      new Nadam());

  static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void theDefaultsPrintEveryHyperparameterUnderItsSettingName() {
    assertEquals(List.of(
        "GradientDescent(stepSize=0.2)",
        "Momentum(stepSize=0.03, momentum=0.9)",
        "Nesterov(stepSize=0.01, momentum=0.9)",
        "Adagrad(stepSize=0.05, epsilon=1e-10)",
        "Adadelta(stepSize=1.0, decay=0.95, epsilon=1e-6)",
        "RmsProp(stepSize=0.003, decay=0.9, epsilon=1e-7)",
        "Adam(stepSize=0.003, beta1=0.9, beta2=0.999, epsilon=1e-8)",
        "Adamax(stepSize=0.01, beta1=0.9, beta2=0.999)",
        "Nadam(stepSize=0.005, beta1=0.9, beta2=0.999, epsilon=1e-8)"),
        DEFAULTS.stream().map(Object::toString).toList());
  }

  /** Every record component appears in toString as setting=value (rho → stepSize, nu → momentum). */
  @Test
  void toStringListsEveryRecordComponent() throws Exception {
    Map<String, String> settingName = Map.of("rho", "stepSize", "nu", "momentum");
    for (Optimizer o : DEFAULTS) {
      RecordComponent[] components = o.getClass().getRecordComponents();
      for (RecordComponent c : components) {
        float value = (float) c.getAccessor().invoke(o);
        String name = settingName.getOrDefault(c.getName(), c.getName());
        assertTrue(o.toString().contains(name + "=" + Check.format(value)),
            o + " lacks " + name + "=" + Check.format(value));
      }
      assertEquals(components.length, o.toString().split("=").length - 1, o.toString());
    }
  }

  @Test
  void toStringShowsNonDefaultValues() {
    assertEquals("Adam(stepSize=0.05, beta1=0.8, beta2=0.95, epsilon=0.001)",
        new Adam(0.05f, 0.8f, 0.95f, 1e-3f).toString());
    assertEquals("Adadelta(stepSize=0.5, decay=0.5, epsilon=1e-4)",
        new Adadelta(0.5f, 0.5f, 1e-4f).toString());
  }

  @Test
  void stepSizeMustBeFiniteAndPositive() {
    assertEquals("setting stepSize is '0.0'; it must be a finite number > 0",
        message(() -> new GradientDescent(0f)));
    assertEquals("setting stepSize is '-0.1'; it must be a finite number > 0",
        message(() -> new Momentum(-0.1f, 0.9f)));
    assertEquals("setting stepSize is 'NaN'; it must be a finite number > 0",
        message(() -> new Adam(Float.NaN, 0.9f, 0.999f, 1e-8f)));
    assertEquals("setting stepSize is 'Infinity'; it must be a finite number > 0",
        message(() -> new Adadelta(Float.POSITIVE_INFINITY, 0.9f, 1e-6f)));
    for (Executable e : List.<Executable>of(() -> new Nesterov(0, 0.9f), () -> new Adagrad(0, 1e-8f),
        () -> new RmsProp(0, 0.9f, 1e-8f), () -> new Adamax(0, 0.9f, 0.999f),
        () -> new Nadam(0, 0.9f, 0.999f, 1e-8f))) {
      assertEquals("setting stepSize is '0.0'; it must be a finite number > 0", message(e));
    }
  }

  @Test
  void ratesAndDecaysMustBeInTheUnitInterval() {
    assertEquals("setting beta1 is '1.0'; it must be a number in [0, 1)",
        message(() -> new Adam(0.001f, 1f, 0.999f, 1e-8f)));
    assertEquals("setting beta2 is '-0.5'; it must be a number in [0, 1)",
        message(() -> new Adam(0.001f, 0.9f, -0.5f, 1e-8f)));
    assertEquals("setting beta1 is '1.5'; it must be a number in [0, 1)",
        message(() -> new Adamax(0.002f, 1.5f, 0.999f)));
    assertEquals("setting beta2 is '1.0'; it must be a number in [0, 1)",
        message(() -> new Adamax(0.002f, 0.9f, 1f)));
    assertEquals("setting beta1 is 'NaN'; it must be a number in [0, 1)",
        message(() -> new Nadam(0.002f, Float.NaN, 0.999f, 1e-8f)));
    assertEquals("setting beta2 is '2.0'; it must be a number in [0, 1)",
        message(() -> new Nadam(0.002f, 0.9f, 2f, 1e-8f)));
    assertEquals("setting momentum is '1.0'; it must be a number in [0, 1)",
        message(() -> new Momentum(0.01f, 1f)));
    assertEquals("setting momentum is '-0.1'; it must be a number in [0, 1)",
        message(() -> new Nesterov(0.01f, -0.1f)));
    assertEquals("setting decay is '1.0'; it must be a number in [0, 1)",
        message(() -> new Adadelta(1f, 1f, 1e-6f)));
    assertEquals("setting decay is '-1.0'; it must be a number in [0, 1)",
        message(() -> new RmsProp(0.001f, -1f, 1e-7f)));
  }

  @Test
  void epsilonMustBeFiniteAndPositive() {
    assertEquals("setting epsilon is '0.0'; it must be a finite number > 0",
        message(() -> new Adam(0.001f, 0.9f, 0.999f, 0f)));
    assertEquals("setting epsilon is '-1e-8'; it must be a finite number > 0",
        message(() -> new Nadam(0.002f, 0.9f, 0.999f, -1e-8f)));
    assertEquals("setting epsilon is '0.0'; it must be a finite number > 0",
        message(() -> new Adagrad(0.01f, 0f)));
    assertEquals("setting epsilon is 'Infinity'; it must be a finite number > 0",
        message(() -> new Adadelta(1f, 0.95f, Float.POSITIVE_INFINITY)));
    assertEquals("setting epsilon is 'NaN'; it must be a finite number > 0",
        message(() -> new RmsProp(0.001f, 0.9f, Float.NaN)));
  }

  @Test
  void momentumZeroAndDecayZeroAreAllowed() {
    float[] theta = {1f};
    Optimizer o = new Momentum(0.5f, 0f);
    o.update(theta, new float[] {1f}, o.init(1));
    assertEquals(0.5f, theta[0]);
    new RmsProp(0.001f, 0f, 1e-7f);
    new Adam(0.001f, 0f, 0f, 1e-8f);
  }

  @Test
  void updateRejectsAForeignStateMismatchedLengthsAndABadRateScale() {
    Adam adam = new Adam();
    OptimizerState sgdState = new GradientDescent().init(2);
    String foreign = message(() -> adam.update(new float[2], new float[2], sgdState));
    assertTrue(foreign.startsWith("Adam needs the state its init() makes"), foreign);
    assertEquals("theta has 2 entries, the gradient 3 and the optimizer state 2; they must be equal",
        message(() -> adam.update(new float[2], new float[3], adam.init(2))));
    assertEquals("theta has 3 entries, the gradient 3 and the optimizer state 2; they must be equal",
        message(() -> new Momentum().update(new float[3], new float[3], new Momentum().init(2))));
    assertEquals("rateScale is -1.0; it must be a finite number >= 0",
        message(() -> adam.update(new float[2], new float[2], adam.init(2), -1f)));
    assertEquals("rateScale is NaN; it must be a finite number >= 0",
        message(() -> new GradientDescent().update(new float[1], new float[1],
            new GradientDescent().init(1), Float.NaN)));
  }

  /** The 3-argument update is the 4-argument one with scale 1, for every optimizer. */
  @Test
  void theThreeArgumentUpdateIsRateScaleOne() {
    for (Optimizer o : DEFAULTS) {
      float[] a = {0.3f, -1.2f};
      float[] b = a.clone();
      OptimizerState sa = o.init(2);
      OptimizerState sb = o.init(2);
      for (int t = 0; t < 4; t++) {
        float[] g = {1f - t, 0.5f * t};
        o.update(a, g, sa);
        o.update(b, g, sb, 1f);
      }
      assertEquals(a[0], b[0], 0f, o.toString());
      assertEquals(a[1], b[1], 0f, o.toString());
    }
  }

  /** Each optimizer's state type is its own nested State class, with aligned arrays. */
  @Test
  void statesAreExplicit() {
    Adam.State s = new Adam().init(3);
    new Adam().update(new float[] {1, 2, 3}, new float[] {1, 0, -1}, s);
    assertEquals(1, s.step());
    assertEquals(3, s.m().length);
    assertEquals(0.1f, s.m()[0], 1e-7f);
    assertEquals(-0.1f, s.m()[2], 1e-7f);
    assertEquals(1f - 0.999f, s.v()[0], 0f);
    assertInstanceOf(Adadelta.State.class, new Adadelta().init(1));
  }

  @Test
  void optimizersAndStatesSerialize() throws Exception {
    for (Optimizer o : DEFAULTS) {
      OptimizerState state = o.init(2);
      o.update(new float[] {1, 2}, new float[] {0.5f, -0.5f}, state);
      assertEquals(o, roundTrip(o));
      assertEquals(1, ((OptimizerState) roundTrip(state)).step());
    }
  }

  static Object roundTrip(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  @ParameterizedTest
  @CsvSource({"1.0E-8, 1e-8", "1.5E-7, 1.5e-7", "0.001, 0.001", "1.0, 1.0", "1.0E10, 1e10"})
  void numbersPrintShort(float value, String expected) {
    assertEquals(expected, Check.format(value));
  }
}
