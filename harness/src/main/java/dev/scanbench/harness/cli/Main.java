package dev.scanbench.harness.cli;
public class Main { public static void main(String[] a) {} }
