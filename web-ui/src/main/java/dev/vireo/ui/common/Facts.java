package dev.vireo.ui.common;

import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.DescriptionList.Description;
import com.vaadin.flow.component.html.DescriptionList.Term;

/** A two-column list of facts ("Host" — "host1"); each value has {@code data-fact} for tests. */
public class Facts extends DescriptionList {

    public Facts(String id) {
        setId(id);
        addClassName("vireo-facts");
    }

    /** Starts over: the facts are re-read on every refresh. */
    public Facts clear() {
        removeAll();
        return this;
    }

    public Facts fact(String name, Object value) {
        Description d = new Description(Formats.text(value));
        d.getElement().setAttribute("data-fact", name);
        add(new Term(name), d);
        return this;
    }
}
