package org.sparkprop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sparkprop.optim.Optimizers;
import org.sparkprop.settings.Setting;
import org.sparkprop.train.Settings;

/** The documentation's tables list what the code knows. */
class ReadmeTest {

  @Test
  void everySettingIsDocumented() throws Exception {
    String page = Files.readString(Path.of("docs/settings.md"));
    for (Setting s : Settings.KNOWN) {
      String row = "| `" + s.name() + "` | "
          + (s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`") + " |";
      assertTrue(page.contains(row), "docs/settings.md lacks the row " + row);
    }
  }

  @Test
  void theOptimizerTableIsTheGeneratedOne() throws Exception {
    String page = Files.readString(Path.of("docs/optimizers.md"));
    assertTrue(page.contains(Optimizers.markdownTable()),
        "docs/optimizers.md's optimizer table differs from Optimizers.markdownTable()");
  }
}
