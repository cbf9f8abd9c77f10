package org.sparkprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparkprop.settings.SettingException;

/** The sync setting: its forms, its bad values, and the settings barrier stages cannot run. */
class SyncModeTest {

  private static Settings with(String... overrides) {
    Settings s = Settings.defaults();
    for (String o : overrides) {
      s = s.withOverride(o, "--set");
    }
    return s;
  }

  @Test
  void parsesEveryForm() {
    assertEquals(SyncMode.STEP, SyncMode.parse("step"));
    assertEquals(SyncMode.BARRIER, SyncMode.parse(" Barrier "));
    assertEquals(SyncMode.AUTO, SyncMode.parse("AUTO"));
    assertEquals(new SyncMode(SyncMode.Kind.LOCAL, 8), SyncMode.parse("local:8"));
    assertEquals("local:8", SyncMode.parse("local:8").toString());
    assertEquals(SyncMode.AUTO, JobConfig.from(Settings.defaults()).sync());
  }

  @Test
  void badValuesNameTheSettingAndTheForms() {
    for (String bad : new String[] {"local:0", "local:", "local:-2", "local:x", "sync", "",
        "local:99999999999"}) {
      assertThrows(IllegalArgumentException.class, () -> SyncMode.parse(bad), bad);
    }
    SettingException e = assertThrows(SettingException.class,
        () -> JobConfig.from(with("sync=local:0")));
    assertEquals("sync", e.setting());
    assertEquals("local:0", e.value());
    assertTrue(e.getMessage().contains("local:K"), e.getMessage());
  }

  @Test
  void barrierIsRefusedWhereTheDriverIsNeededBetweenUpdates() {
    String[][] conflicts = {
        {"optimizer=lbfgs", "mode=batch", "lbfgs"},
        {"curriculum=true", "curriculumEpochs=1", "curriculum"},
        {"batchNorm=1", "batchNorm=1", "batchNorm"}};
    for (String[] c : conflicts) {
      SettingException e = assertThrows(SettingException.class,
          () -> JobConfig.from(with("sync=barrier", c[0], c[1])), c[0]);
      assertEquals("sync", e.setting());
      assertTrue(e.allowed().contains(c[2]), e.getMessage());
      // auto falls back to one job per update.
      assertFalse(JobConfig.from(with("sync=auto", c[0], c[1])).barrier(), c[0]);
    }
    assertTrue(JobConfig.from(with("sync=auto")).barrier());
    assertFalse(JobConfig.from(with("sync=step")).barrier());
  }
}
