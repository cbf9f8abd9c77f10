package org.sparkprop.train;

/**
 * One job setting: the single name it has in config files, in {@code --set} overrides and in
 * {@code --conf spark.sparkprop.<name>}, its default, and what it means.
 */
public record Setting(String name, String defaultValue, String description) {}
