package org.sparkprop.bench;

import org.sparkprop.tensor.Blas;

/** Prints the BLAS implementation this JVM uses (for the headers of benchmark results). */
public final class BlasInfo {

  private BlasInfo() {}

  public static void main(String[] args) {
    System.out.println(Blas.implementation());
  }
}
