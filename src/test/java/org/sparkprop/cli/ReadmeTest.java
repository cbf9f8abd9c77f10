package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.train.Setting;
import org.sparkprop.train.Settings;

/** The README's tables list what the code knows. */
class ReadmeTest {

  @Test
  void everySettingAndOptimizerIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Setting s : Settings.KNOWN) {
      String row = "| `" + s.name() + "` | "
          + (s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`") + " |";
      assertTrue(readme.contains(row), "README lacks the row " + row);
    }
    assertTrue(readme.contains(Optimizers.markdownTable()), "README's optimizer table is stale");
  }
}
