/**
 * The dashboard's live feed: a snapshot of the server every second, pushed to the page as server-sent events.
 */
@NullMarked
package dev.ipcframework.dashboard;

import org.jspecify.annotations.NullMarked;
