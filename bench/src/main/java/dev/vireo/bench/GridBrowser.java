package dev.vireo.bench;

import dev.vireo.systemtests.Lab;
import dev.vireo.ui.browser.VireoBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid benchmark's browser side: the in-page recorder, signing in, and timing a first render and a filter
 * in Chromium, with the engine calls each one made (from its access log). Used by {@link GridBench}.
 */
final class GridBrowser {
    private GridBrowser() {
    }

    /** how long a first render or a filter may take before it counts as failed */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern ACCESS = Pattern.compile("\"GET (/api/v1/[^ ]*) HTTP/[0-9.]+\" (\\d+) \\S+ (\\d+) ms");

    /** The in-page recorder, evaluated in every new document before the page's own scripts. */
    static final String RECORDER = """
            (() => {
              if (window.__gb) return;
              const B = window.__gb = {firstRows: null, firstRowsFrame: null, firstTotal: null, req: [], inputs: [], watch: null};
              const NAME = /^vm-\\d{6}-[a-z]+$/;
              const now = () => performance.now();
              B.rows = () => {
                const grid = document.getElementById('vms-grid');
                if (!grid || !grid.shadowRoot) return null;
                const size = grid.size || 0, names = [];
                for (const tr of grid.shadowRoot.querySelectorAll('#items tr')) {
                  if (tr.hidden || !(tr.index < size)) continue;
                  let name = null;
                  for (const td of tr.querySelectorAll('td')) {
                    const slot = td.querySelector('slot');
                    const el = slot ? slot.assignedElements()[0] : null;
                    const t = el ? el.textContent.trim() : '';
                    if (NAME.test(t)) { name = t; break; }
                  }
                  names.push(name);
                }
                return {size: size, names: names};
              };
              // the "N total" text nearest to the grid (an admin page may show other lists' totals too)
              B.total = () => {
                const grid = document.getElementById('vms-grid');
                for (let el = grid ? grid.parentElement : null; el; el = el.parentElement) {
                  for (const s of el.querySelectorAll('span')) {
                    const m = /^([0-9][0-9.,\\u00a0\\u202f ]*) total$/.exec(s.textContent.trim());
                    if (m) return Number(m[1].replace(/\\D/g, ''));
                  }
                }
                return null;
              };
              B.check = (frame) => {
                const t = now();
                if (B.firstRows === null || B.firstTotal === null || (frame && B.firstRowsFrame === null) || (B.watch && B.watch.end === null)) {
                  const r = B.rows();
                  const shown = r ? r.names.filter(n => n !== null).length : 0;
                  if (shown > 0 && B.firstRows === null) B.firstRows = t;
                  if (shown > 0 && frame && B.firstRowsFrame === null) B.firstRowsFrame = t;
                  if (B.firstTotal === null && (B.total() || 0) > 0) B.firstTotal = t;
                  const w = B.watch;
                  // done once the answer to the request carrying the typed value is in (not before: an error state
                  // can show "0 total" too) and the grid and its count show the engine's answer
                  if (w && w.end === null && r && B.total() === w.expected && r.size === w.expected && B.answered(w)
                      && (w.expected === 0 || (r.names.length > 0
                          && r.names.every(n => n !== null && n.toLowerCase().includes(w.frag))))) {
                    w.end = t; w.rowsShown = r.names.length;
                  }
                }
              };
              const loop = () => { B.check(true); requestAnimationFrame(loop); };
              requestAnimationFrame(loop);
              new MutationObserver(() => B.check(false))
                  .observe(document, {childList: true, subtree: true, characterData: true, attributes: true});
              document.addEventListener('input', e => {
                const v = e.target && 'value' in e.target ? e.target.value : null;
                B.inputs.push({t: now(), v: v});
                if (B.inputs.length > 100) B.inputs.shift();
              }, true);
              const record = (url, body) => {
                const r = {url: String(url), start: now(), headers: null, end: null,
                           body: typeof body === 'string' ? body.slice(0, 20000) : ''};
                B.req.push(r);
                if (B.req.length > 300) B.req.shift();
                return r;
              };
              const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.open = function (m, u) { this.__gbUrl = u; return open.apply(this, arguments); };
              XMLHttpRequest.prototype.send = function (body) {
                const r = record(this.__gbUrl, body);
                this.addEventListener('readystatechange', () => { if (this.readyState === 2 && r.headers === null) r.headers = now(); });
                this.addEventListener('loadend', () => { r.end = now(); });
                return send.apply(this, arguments);
              };
              if (window.fetch) {
                const f = window.fetch;
                window.fetch = function (input, init) {
                  const r = record(typeof input === 'string' ? input : (input && input.url),
                                   init && typeof init.body === 'string' ? init.body : '');
                  const p = f.apply(this, arguments);
                  p.then(() => { r.headers = r.end = now(); }, () => { r.end = now(); });
                  return p;
                };
              }
              // "sent->answer headers->answer handled" in ms from t0; the handling (Flow applies the changes in its
              // readystatechange handler) ends before loadend fires
              B.span = (r, t0) => (r.start - t0).toFixed(0) + '->' + (r.headers === null ? '?' : (r.headers - t0).toFixed(0))
                  + '->' + (r.end === null ? '?' : (r.end - t0).toFixed(0));
              B.answered = w => B.req.some(r => r.start >= w.since && r.headers !== null
                  && r.body.includes(JSON.stringify(w.frag)));
              B.startWatch = (frag, expected) => {
                B.watch = {frag: frag.toLowerCase(), expected: expected, end: null, since: now(), rowsShown: 0};
              };
            })();
            """;

    record Render(double firstRows, double firstFrame, double total, double responseEnd, double domContentLoaded,
                  double load, String requests, String engineCalls) {
    }

    record Filter(String frag, long expected, double total, double afterSend, double debounce, double typing,
                  int requests, String requestList, String engineCalls) {
    }

    /** Signs in on Keycloak's form when it is shown; done when the VM grid is there. */
    static void login(VireoBrowser browser, String url, String user) {
        var d = browser.driver();
        d.get(url);
        new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> !x.findElements(By.id("username")).isEmpty()
                || !x.findElements(By.id("vms-grid")).isEmpty());
        if (!d.findElements(By.id("username")).isEmpty()) {
            d.findElement(By.id("username")).sendKeys(user);
            d.findElement(By.id("password")).sendKeys(user);
            d.findElement(By.id("kc-login")).click();
        }
        browser.waitFor(By.id("vms-grid"));
    }

    @SuppressWarnings("unchecked")
    static Render firstRender(VireoBrowser browser, String url, Lab lab) throws Exception {
        var d = browser.driver();
        long logMark = Files.size(lab.work.resolve("engine.log"));
        d.get(url);
        Map<String, Object> m;
        try {
            m = until(browser, "the grid's first rows", x -> (Map<String, Object>) ((JavascriptExecutor) x).executeScript("""
                const B = window.__gb;
                if (!B || B.firstRows === null || B.firstRowsFrame === null || B.firstTotal === null) return null;
                const nav = performance.getEntriesByType('navigation')[0];
                const reqs = B.req.filter(r => r.start < B.firstRows)
                    .map(r => r.url.replace(/^.*[?]/, '').replace(/&.*/, '') + ' ' + B.span(r, 0));
                return {firstRows: B.firstRows, firstFrame: B.firstRowsFrame, total: B.firstTotal,
                        responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                        requests: reqs.join(', ')};"""));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; engine calls meanwhile: " + engineCalls(lab, logMark));
        }
        Thread.sleep(300);
        return new Render(num(m.get("firstRows")), num(m.get("firstFrame")), num(m.get("total")), num(m.get("responseEnd")),
                num(m.get("dcl")), num(m.get("load")), String.valueOf(m.get("requests")), engineCalls(lab, logMark));
    }

    @SuppressWarnings("unchecked")
    /**
     * Types the fragment over whatever the filter holds (select all, then the characters one by one: what someone
     * refining a search does); the first filter starts from the unfiltered grid.
     */
    static Filter filter(VireoBrowser browser, String frag, long expected, Lab lab) throws Exception {
        var d = browser.driver();
        JavascriptExecutor js = d;
        WebElement input = browser.waitFor(By.cssSelector("#vm-filter input"));
        Function<Object, Map<String, Object>> await = x -> until(browser, "the filtered grid", y ->
                (Map<String, Object>) js.executeScript("const w = window.__gb.watch; return w && w.end !== null ? w : null;"));
        Thread.sleep(800);
        long logMark = Files.size(lab.work.resolve("engine.log"));
        js.executeScript("window.__gb.startWatch(arguments[0], arguments[1]);", frag, expected);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), frag);
        Map<String, Object> w = await.apply(null);
        Map<String, Object> m = (Map<String, Object>) js.executeScript("""
                const B = window.__gb, w = B.watch, frag = arguments[0];
                const typed = B.inputs.filter(i => i.t >= w.since);
                const last = typed.filter(i => i.v === frag).map(i => i.t).pop();
                const reqs = B.req.filter(r => r.start >= w.since && r.start <= w.end);
                const carrying = reqs.find(r => r.body.includes('"' + frag + '"'));
                return {first: typed.length ? typed[0].t : null, last: last === undefined ? null : last,
                        send: carrying ? carrying.start : null, end: w.end, n: reqs.length,
                        list: reqs.map(r => (r === carrying ? 'value ' : '') + B.span(r, last)).join(', ')};""", frag);
        double last = num(m.get("last"));
        double end = num(m.get("end"));
        double send = m.get("send") == null ? Double.NaN : num(m.get("send"));
        Thread.sleep(300);
        return new Filter(frag, expected, end - last, end - send, send - last, last - num(m.get("first")),
                ((Number) m.get("n")).intValue(), String.valueOf(m.get("list")), engineCalls(lab, logMark));
    }

    /** Waits up to 60 s; on timeout fails with what the in-page recorder sees (and a screenshot). */
    static <T> T until(VireoBrowser browser, String what, Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser.driver(), WAIT, Duration.ofMillis(20)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            Object state = browser.driver().executeScript("""
                    const B = window.__gb;
                    return JSON.stringify({url: location.href, recorder: !!B, grid: !!document.getElementById('vms-grid'),
                        firstRows: B && B.firstRows, firstFrame: B && B.firstRowsFrame, firstTotal: B && B.firstTotal,
                        rows: B && B.rows(), total: B && B.total(), watch: B && B.watch,
                        requests: B && B.req.slice(-10).map(r => r.url + ' ' + r.start.toFixed(0) + '->' + r.end)});""");
            try {
                browser.screenshot(Path.of(System.getProperty("vireo.work", "."), "grid-timeout.png"));
            } catch (Exception ignored) {
                // the state above is what matters
            }
            throw new IllegalStateException("timed out waiting for " + what + "; in the page: " + state);
        }
    }

    /** The engine's API requests logged since the mark, as "path status time". */
    static String engineCalls(Lab lab, long mark) throws Exception {
        byte[] all = Files.readAllBytes(lab.work.resolve("engine.log"));
        String text = new String(all, (int) Math.min(mark, all.length), (int) (all.length - Math.min(mark, all.length)), StandardCharsets.UTF_8);
        List<String> calls = new ArrayList<>();
        Matcher m = ACCESS.matcher(text);
        while (m.find()) {
            calls.add(m.group(1).replace("/api/v1/", "") + " " + m.group(3) + " ms" + (m.group(2).equals("200") ? "" : " " + m.group(2)));
        }
        return calls.isEmpty() ? "-" : String.join(", ", calls);
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
