package org.r2led.cli;

import java.util.Arrays;
import org.r2led.cli.learn.Learner;
import org.r2led.options.CommandErrors;
import picocli.CommandLine;

/**
 * {@code r2led learn} that halts its JVM when a cycle reaches a step ({@code Runtime.halt}: no shutdown hook, no
 * {@code finally}, as {@code kill -9}): {@code LearnCrashMain STEP LEARN_ARGS...}. Prints {@code halt at STEP} first.
 */
public final class LearnCrashMain {
  private LearnCrashMain() {}

  public static void main(String[] args) {
    Learner.Step at = Learner.Step.valueOf(args[0]);
    LearnCommand learn = new LearnCommand(step -> {
      if (step != at) return;
      System.out.println("halt at " + step);
      System.out.flush();
      Runtime.getRuntime().halt(137);
    });
    System.exit(CommandErrors.install(new CommandLine(learn)).execute(Arrays.copyOfRange(args, 1, args.length)));
  }
}
