package org.sparkprop.cli;

import java.io.PrintStream;
import org.sparkprop.BuildInfo;
import org.sparkprop.tensor.Blas;

/** {@code --version}: sparkprop's version, the Spark it was built for, and the BLAS in use. */
final class VersionInfo {

  private VersionInfo() {}

  static void print(PrintStream out) {
    out.println("sparkprop " + BuildInfo.version());
    out.println("built for Spark " + BuildInfo.sparkVersion() + " (Scala "
        + BuildInfo.scalaBinaryVersion() + ")");
    out.println("BLAS " + Blas.implementation()
        + (Blas.isNative() ? " (native libblas.so.3)"
            : " (Java kernels: no native BLAS found; install OpenBLAS for full speed)"));
  }
}
