package dev.rolekeeper.config;

/** The daemon's root log level, named as in SLF4J/logback. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  OFF
}
