package dev.vireo.ui.common;

/** A view whose data the layout re-reads on every UI poll ({@code vireo.refresh-interval}). */
public interface Refreshable {

    void refresh();
}
