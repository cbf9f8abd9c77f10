package org.sparkprop.data;

import org.sparkprop.train.DataConfig;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/** Data configs as a job would type them from its settings. */
final class Configs {

  private Configs() {}

  /** The defaults with {@code assignments} such as {@code "data.format=csv"} applied. */
  static DataConfig data(String... assignments) {
    Settings s = Settings.defaults();
    for (String a : assignments) {
      s = s.withOverride(a, "test");
    }
    return JobConfig.from(s).data();
  }
}
