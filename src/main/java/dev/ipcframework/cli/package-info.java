/**
 * The {@code ipc} command line tool ({@code bin/ipc}), built on picocli and the Java client.
 */
@NullMarked
package dev.ipcframework.cli;

import org.jspecify.annotations.NullMarked;
