package org.sparkprop.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Setting, SettingType, Allowed and SettingException on their own. */
class SettingTest {

  private static Setting setting(SettingType type, String value, Allowed allowed) {
    return new Setting("x", type, value, allowed, "a test setting", Scope.BOTH);
  }

  @Test
  void typesReadTheirText() {
    assertEquals(3, SettingType.INT.parse("x", " 3 "));
    assertEquals(1L << 40, SettingType.LONG.parse("x", "1099511627776"));
    assertEquals(0.5, SettingType.DOUBLE.parse("x", "0.5"));
    assertTrue(Double.isNaN((Double) SettingType.DOUBLE_OR_AUTO.parse("x", "AUTO")));
    assertEquals(true, SettingType.BOOLEAN.parse("x", "yes"));
    assertEquals(false, SettingType.BOOLEAN.parse("x", "0"));
    assertEquals("a b", SettingType.TEXT.parse("x", " a b "));
    assertArrayEquals(new int[] {784, 10}, (int[]) SettingType.INT_LIST.parse("x", "784, 10"));
    assertEquals("784,10", SettingType.INT_LIST.format(new int[] {784, 10}));
    assertEquals("auto", SettingType.DOUBLE_OR_AUTO.format(Double.NaN));
  }

  @Test
  void badTextNamesTheSettingTheValueAndTheType() {
    SettingException e = assertThrows(SettingException.class,
        () -> SettingType.INT.parse("batchSize", "1.5"));
    assertEquals("batchSize", e.setting());
    assertEquals("1.5", e.value());
    assertEquals("an integer", e.allowed());
    assertEquals("setting batchSize is '1.5'; it must be an integer", e.getMessage());
    assertThrows(SettingException.class, () -> SettingType.DOUBLE.parse("x", "NaN"));
    assertThrows(SettingException.class, () -> SettingType.DOUBLE.parse("x", "Infinity"));
    assertThrows(SettingException.class, () -> SettingType.BOOLEAN.parse("x", "maybe"));
    assertThrows(SettingException.class, () -> SettingType.INT_LIST.parse("x", "1,,2"));
  }

  @Test
  void allowedRangesIncludeExactlyTheirEnds() {
    Allowed halfOpen = Allowed.range(0, false, 1, true);
    assertEquals("a number in (0, 1]", halfOpen.description());
    assertFalse(halfOpen.test(0.0));
    assertTrue(halfOpen.test(1e-9));
    assertTrue(halfOpen.test(1.0));
    assertFalse(halfOpen.test(1.0000001));
    Allowed atLeast = Allowed.atLeast(1);
    assertEquals("an integer >= 1", atLeast.description());
    assertFalse(atLeast.test(0));
    assertTrue(atLeast.test(1));
    assertTrue(atLeast.test(5L));
    assertFalse(Allowed.atLeast(0.0).test(Double.POSITIVE_INFINITY));
    assertEquals("a finite number > 1e-5", Allowed.greaterThan(1e-5).description());
    assertFalse(Allowed.greaterThan(0).test(0.0));
  }

  @Test
  void choicesAreCaseInsensitiveAndCustomChecksKeepTheirReason() {
    Allowed choice = Allowed.oneOf("step", "cosine");
    assertTrue(choice.test(" Cosine "));
    assertFalse(choice.test("linear"));
    assertEquals("one of step, cosine", choice.description());
    Allowed parsed = Allowed.parsedBy("an even number", v -> {
      if (Integer.parseInt(v) % 2 != 0) {
        throw new IllegalArgumentException(v + " is odd");
      }
    });
    assertTrue(parsed.test("4"));
    assertFalse(parsed.test("3"));
    assertEquals("3 is odd", parsed.reason("3"));
    Setting s = setting(SettingType.TEXT, "2", parsed);
    assertEquals("setting x is '3'; it must be an even number (3 is odd)",
        assertThrows(SettingException.class, () -> s.parse("3")).getMessage());
  }

  @Test
  void aSettingParsesChecksAndTakesAuto() {
    Setting rate = setting(SettingType.DOUBLE_OR_AUTO, "auto", Allowed.greaterThan(0));
    assertTrue(Double.isNaN((Double) rate.parse("auto")));
    assertEquals(0.5, rate.parse("0.5"));
    SettingException e = assertThrows(SettingException.class, () -> rate.parse("-1"));
    assertEquals("a finite number > 0, or auto", e.allowed());
    assertEquals("setting x is '-1'; it must be a finite number > 0, or auto", e.getMessage());
    assertEquals(3, setting(SettingType.INT, "1", Allowed.atLeast(1)).check(3));
    assertThrows(SettingException.class,
        () -> setting(SettingType.INT, "1", Allowed.atLeast(1)).check(0));
    assertFalse(setting(SettingType.INT, "1", Allowed.atLeast(1)).valid("not an int"));
  }

  @Test
  void paramDefaultsDifferOnlyWhenDeclared() {
    Setting same = setting(SettingType.INT, "1", Allowed.atLeast(1));
    assertEquals("1", same.effectiveParamDefault());
    assertTrue(same.paramHasDefault());
    Setting unset = new Setting("y", SettingType.DOUBLE_OR_AUTO, "auto", Allowed.greaterThan(0),
        "doc", Scope.BOTH, Setting.UNSET);
    assertFalse(unset.paramHasDefault());
    assertTrue(Scope.BOTH.job() && Scope.BOTH.param());
    assertFalse(Scope.JOB.param());
    assertFalse(Scope.PARAM.job());
  }

  @Test
  void allowedSurvivesJavaSerialization() throws Exception {
    Allowed a = Allowed.range(0, true, 1, false);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    Allowed back = (Allowed) new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertEquals(a.description(), back.description());
    assertTrue(back.test(0.0));
    assertFalse(back.test(1.0));
  }
}
