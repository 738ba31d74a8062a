package dev.vireo.ui.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.vireo.ui.common.Formats;
import java.util.Map;

/**
 * A dashboard card: a total and one badge per state ("UP 3", "MAINTENANCE 1"), states with nothing in
 * them dimmed. Badges carry {@code data-state} and {@code data-count} for tests.
 */
class StateCard extends Div {

    private final Span total = new Span("–");
    private final Div badges = new Div();

    StateCard(String id, String title) {
        setId(id);
        addClassName("vireo-card");
        total.addClassName("vireo-stat-big");
        total.setId(id + "-total");
        badges.addClassName("vireo-badges");
        add(new H3(title), total, badges);
    }

    /** @param counts state → count, in display order; {@code themes} maps a state to a badge theme */
    void show(long all, Map<String, Long> counts, Map<String, String> themes) {
        total.setText(Formats.number(all));
        badges.removeAll();
        counts.forEach((state, n) -> {
            Span b = new Span(state.replace('_', ' ') + " " + Formats.number(n));
            String theme = n == 0 ? "badge contrast" : "badge " + themes.getOrDefault(state, "");
            b.getElement().setAttribute("theme", theme.strip());
            b.getElement().setAttribute("data-state", state);
            b.getElement().setAttribute("data-count", String.valueOf(n));
            if (n == 0) {
                b.getStyle().set("opacity", "0.55");
            }
            badges.add(b);
        });
    }
}
