package org.sparkprop.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.sparkprop.settings.Setting;
import org.sparkprop.train.SettingRegistry;

/** The committed generated files are what ParamsCodeGen writes from the registry today. */
class GeneratedFilesTest {

  private static final String STALE = " is stale: run scripts/generate-params and commit it";

  @Test
  void neuralNetParamsIsTheGeneratorsOutput() throws Exception {
    assertEquals(ParamsCodeGen.paramsSource(),
        Files.readString(ParamsCodeGen.PARAMS_SOURCE, StandardCharsets.UTF_8),
        ParamsCodeGen.PARAMS_SOURCE + STALE);
  }

  @Test
  void settingsTableIsTheGeneratorsOutput() throws Exception {
    String table = Files.readString(ParamsCodeGen.SETTINGS_TABLE, StandardCharsets.UTF_8);
    assertEquals(ParamsCodeGen.settingsTable(), table, ParamsCodeGen.SETTINGS_TABLE + STALE);
    for (Setting s : SettingRegistry.ALL) {
      assertTrue(table.contains("| `" + s.name() + "` |"), s.name());
    }
  }

  @Test
  void everyParamHasAnAccessorGetterAndSetterInSource() throws Exception {
    String source = Files.readString(ParamsCodeGen.PARAMS_SOURCE, StandardCharsets.UTF_8);
    for (Setting s : SettingRegistry.params()) {
      String param = s.paramName();
      String cap = Character.toUpperCase(param.charAt(0)) + param.substring(1);
      assertTrue(source.contains(" " + param + "() {"), s.name());
      assertTrue(source.contains(" get" + cap + "() {"), s.name());
      assertTrue(source.contains(" set" + cap + "("), s.name());
    }
  }
}
