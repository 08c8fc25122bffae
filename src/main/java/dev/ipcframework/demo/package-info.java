/**
 * The demo applications of the stand-alone service ({@code chat_app}, {@code file_share}, {@code monitoring},
 * {@code demo/echo}), only with {@code ipc.demo.enabled=true}.
 */
@NullMarked
package dev.ipcframework.demo;

import org.jspecify.annotations.NullMarked;
