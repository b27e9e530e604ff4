/* frontline: the dated map's controls (time slider, markers, popups, search, panels).
 *
 * frontlineMap(map, data, options, control) draws `data` (geo/out/map/layers.py MapData) on a
 * Leaflet map; `control` is the map's layer control, where the "claimed control" overlay is
 * switched (null: none).
 * Markers and mentions are positional rows: a field's position comes from `data.fields`, and
 * enum values (date sources, resolutions...) from `data.enums`, never from literals here.
 * Only the markers of the current time window exist at any moment, so scrubbing stays fast
 * however many mentions there are; when a window has more than CLUSTER_FROM markers they go into
 * a Leaflet.markercluster group, which draws only the clusters in view (a cluster shows the
 * mentions it holds; a click zooms in). Popups are built when opened, from the excerpts the map
 * holds (a large map keeps a few per marker: the popup then says "showing K of N").
 * Events: a marker counts its mentions per (event, claimant) (flat pairs); the event and claimant-side
 * filters keep some of those counts, and the place is drawn with what is left, coloured by its
 * most severe event (data.events is in that order) and outlined by the side of that event's
 * claimants (officials of one side, of both, or neither); or coloured by outlet, as before.
 * A popup starts with the place's claims of control up to the window's last day; a capture claim
 * and a contradicting claim (a denial of it, or a capture by the other side) within
 * data.dispute_days of each other, both known by then, are both flagged "disputed". The
 * "claimed control" overlay shows, as of the window's last day, every place with a capture claim
 * in the colour of the side of its latest one, dashed while that claim is disputed.
 * The front line (data.front, present when the map was made with a reference): the area in
 * effect on the window's last day (the latest snapshot on or before it) as a translucent layer
 * with its outline, switched in the layer control, and its date beside the slider ("front line
 * as of 2025-11-24"). Each distinct area is embedded once, as delta-encoded integer rings, and
 * turned into a polygon the first time it is shown. A claim in the timeline shows its check
 * against the reference ("— DeepStateMap: inside from 2025-12-01"), and the panel counts them.
 * Every string that comes from an article is put into the page with textContent (never
 * innerHTML), and only http(s) URLs become links.
 */
function frontlineMap(map, data, options, control) {
  "use strict";
  var CLUSTER_FROM = 300;  // markers in a window beyond which they are clustered
  var POPUP_MENTIONS = 50;  // excerpts listed in one popup at most
  var POPUP_CLAIMS = 20;  // the latest claims of control listed in one popup (disputes judged on all)
  var POPUP_OPTIONS = { maxWidth: 420, maxHeight: 360 };
  var layer = L.layerGroup().addTo(map);
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, iconCreateFunction: clusterIcon }).addTo(map);
  var controlPane = map.createPane("frontline-control");  // under the markers
  controlPane.style.zIndex = 390;
  var controlLayer = L.layerGroup().addTo(map);
  if (control) { control.addOverlay(controlLayer, "claimed control"); }
  var front = data.front;
  var frontPane = map.createPane("frontline-front");  // under the claimed-control rings
  frontPane.style.zIndex = 380;
  frontPane.style.pointerEvents = "none";
  var frontLayer = L.layerGroup();
  if (front) {
    frontLayer.addTo(map);
    // the layer control writes a name as HTML: the reference's name (from its file) goes in escaped
    if (control) { control.addOverlay(frontLayer, el("span", { text: "front line (" + front.name + ")" }).outerHTML); }
  }
  var state = { index: data.bins.length - 1, mode: options.mode || "date", days: 30, timer: null,
                colour: options.colour || (data.stats.events ? "event" : "outlet"),
                events: data.events.map(function () { return true; }), sides: {} };

  // -- the rows' fields and the enums' values, as the data describes them ----------------------
  function field(row, name) {
    var at = data.fields[row].indexOf(name);
    if (at < 0) { throw new Error("frontline: the map data has no " + row + " field " + name); }
    return at;
  }
  var MARKER = { bin: field("marker", "bin"), place: field("marker", "place"),
                 mentions: field("marker", "mentions"), outlets: field("marker", "outlets"),
                 ambiguous: field("marker", "ambiguous"), excerpts: field("marker", "excerpts"),
                 events: field("marker", "events") };
  var MENTION = { article: field("mention", "article"), sentence: field("mention", "sentence"),
                  markStart: field("mention", "mark_start"), markEnd: field("mention", "mark_end"),
                  date: field("mention", "date"), dateSource: field("mention", "date_source"),
                  confidence: field("mention", "confidence"), resolution: field("mention", "resolution"),
                  event: field("mention", "event"), eventSide: field("mention", "event_side"),
                  claimant: field("mention", "claimant") };
  var CLAIM = { place: field("claim", "place"), date: field("claim", "date"), event: field("claim", "event"),
                side: field("claim", "side"), claimant: field("claim", "claimant"),
                outlet: field("claim", "outlet"), mentions: field("claim", "mentions"),
                check: field("claim", "check"), checkDate: field("claim", "check_date") };
  var DateSource = data.enums.DateSource, PublishedSource = data.enums.PublishedSource;
  var ResolutionStatus = data.enums.ResolutionStatus;
  var DATE_LABELS = {};
  DATE_LABELS[DateSource.EVENT] = "event date";
  DATE_LABELS[DateSource.PUBLISHED] = "publication date";
  DATE_LABELS[DateSource.UNKNOWN] = "no date";
  // publication dates that the text or the run suggests rather than states
  var PUBLISHED_GUESSES = {};
  PUBLISHED_GUESSES[PublishedSource.INFERRED] = "inferred publication date";
  PUBLISHED_GUESSES[PublishedSource.CORPUS] = "publication date guessed from other reports";

  var Event = data.enums.Event, Side = data.enums.Side, FrontlineCheck = data.enums.FrontlineCheck;
  var NO_EVENT = data.events.length - 1;  // the last: only mentioned
  var CLAIMANTS = data.claimants.length, NO_CLAIMANT = CLAIMANTS - 1;  // the last: nobody
  var eventAt = {};
  data.events.forEach(function (e, i) { eventAt[e.value] = i; });
  var sideColour = {};
  data.sides.forEach(function (s) { sideColour[s.value] = s.colour; });
  // a claimant's side for the filter and the outline: a side's officials, others, or nobody
  var OTHERS = "others", NOBODY = "nobody";
  function claimantSide(c) {
    var claimant = data.claimants[c];
    return claimant.side || (claimant.value ? OTHERS : NOBODY);
  }
  var SIDE_OF = data.claimants.map(function (c, i) { return claimantSide(i); });
  var SIDE_FILTERS = data.sides.map(function (s) { return s.value; }).concat([OTHERS, NOBODY]);
  SIDE_FILTERS.forEach(function (side) { state.sides[side] = true; });
  var SIDE_LABELS = {};
  SIDE_LABELS[Side.RU] = "said by Russian officials";
  SIDE_LABELS[Side.UA] = "said by Ukrainian officials";
  SIDE_LABELS[OTHERS] = "said by others (third parties, outlets)";
  SIDE_LABELS[NOBODY] = "no claimant";
  var BOTH_SIDES = "#000000";  // the outline of an event claimed by officials of both sides
  // the claims of each place, by date (the data's order)
  var claimsOf = data.places.map(function () { return []; });
  data.claims.forEach(function (c) { claimsOf[c[CLAIM.place]].push(c); });
  var claimTimes = data.claims.map(function (c) { return Date.parse(c[CLAIM.date] + "T00:00:00Z"); });
  data.claims.forEach(function (c, i) { c.time = claimTimes[i]; });

  // the last bin may be undated: after every date, and in no "last N days" window but its own
  var binTimes = data.bins.map(function (b) { return b === data.undated ? Infinity : Date.parse(b + "T00:00:00Z"); });
  var byBin = data.bins.map(function () { return []; });
  data.markers.forEach(function (m) { byBin[m[MARKER.bin]].push(m); });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  // -- markers of the current window ----------------------------------------------------------
  function windowBins() {
    if (!data.bins.length) { return []; }
    if (state.mode === "date") { return [state.index]; }
    var out = [];
    var from = state.mode === "days" ? binTimes[state.index] - (state.days - 1) * 86400000 : -Infinity;
    if (isNaN(from)) { from = Infinity; }
    for (var i = 0; i <= state.index; i++) { if (binTimes[i] >= from) { out.push(i); } }
    return out;
  }
  function render() {
    layer.clearLayers();
    clusters.clearLayers();
    var perPlace = {};
    windowBins().forEach(function (b) {
      byBin[b].forEach(function (m) {
        var key = m[MARKER.place];
        if (!perPlace[key]) {
          perPlace[key] = { place: key, count: 0, markers: [], outlets: {}, outletOrder: [], ambiguous: 1,
                            events: {}, eventSides: {} };
        }
        var p = perPlace[key];
        // flat pairs: (event, claimant) as one number, then mentions; none: only mentioned, no claimant
        var events = m[MARKER.events].length ? m[MARKER.events] : [NO_EVENT * CLAIMANTS + NO_CLAIMANT, m[MARKER.mentions]];
        for (var i = 0; i < events.length; i += 2) {
          var event = Math.floor(events[i] / CLAIMANTS), side = SIDE_OF[events[i] % CLAIMANTS];
          if (!state.events[event] || !state.sides[side]) { continue; }
          p.count += events[i + 1];
          p.events[event] = (p.events[event] || 0) + events[i + 1];
          (p.eventSides[event] = p.eventSides[event] || {})[side] = true;
        }
        p.markers.push(m);  // its excerpts are gathered only if its popup opens
        m[MARKER.outlets].forEach(function (pair) {
          var outlet = pair[0], count = pair[1];  // an outlet and its mentions in this marker
          if (!(outlet in p.outlets)) { p.outlets[outlet] = 0; p.outletOrder.push(outlet); }
          p.outlets[outlet] += count;
        });
        p.ambiguous = p.ambiguous && m[MARKER.ambiguous];
      });
    });
    var drawn = Object.keys(perPlace).filter(function (key) { return perPlace[key].count > 0; })
      .map(function (key) { return marker(perPlace[key]); });
    drawControl();
    drawFront();
    var clustered = drawn.length > CLUSTER_FROM;
    if (clustered) { clusters.addLayers(drawn); } else { drawn.forEach(function (m) { layer.addLayer(m); }); }
    label.textContent = data.bins.length ? windowText() : "no dated mentions";
    slider.value = state.index;
    days.style.display = state.mode === "days" ? "" : "none";  // N matters only for "last N days"
    container.setAttribute("data-bin", data.bins[state.index] || "");
    container.setAttribute("data-markers", drawn.length);
    container.setAttribute("data-clustered", clustered ? "1" : "0");
    container.setAttribute("data-colour", state.colour);
    panel.setAttribute("data-colour", state.colour);
  }
  function clusterIcon(cluster) {
    var count = cluster.getAllChildMarkers().reduce(function (n, m) { return n + m.mentionCount; }, 0);
    var size = count < 100 ? 30 : count < 10000 ? 38 : 46;
    return L.divIcon({ html: el("span", { text: shortCount(count) }), className: "frontline-cluster",
                       iconSize: L.point(size, size) });
  }
  function shortCount(n) {
    if (n < 1000) { return String(n); }
    return n < 1e6 ? (n / 1e3).toFixed(n < 1e4 ? 1 : 0) + "k" : (n / 1e6).toFixed(1) + "M";
  }
  function windowText() {
    var bin = data.bins[state.index];
    if (state.mode === "date") { return bin + (data.stats.bin === "day" ? "" : " (" + data.stats.bin + ")"); }
    if (state.mode === "until") { return "up to " + bin; }
    return "last " + state.days + " days to " + bin;
  }
  function topOutlet(p) {  // the most mentions in the window; a tie goes to the one met first
    return p.outletOrder.reduce(function (best, o) { return p.outlets[o] > p.outlets[best] ? o : best; });
  }
  function topEvent(p) {  // the most severe of the window's events (data.events: most severe first)
    return Math.min.apply(null, Object.keys(p.events).map(Number));
  }
  function outline(p, event) {  // the side of the claimants of the event shown
    var sides = data.sides.filter(function (s) { return p.eventSides[event][s.value]; });
    if (sides.length > 1) { return BOTH_SIDES; }
    return sides.length ? sides[0].colour : null;
  }
  function marker(p) {
    var place = data.places[p.place];
    var colour = data.outlets[topOutlet(p)].colour, stroke = colour, event = topEvent(p);
    if (state.colour === "event") {
      colour = data.events[event].colour;
      stroke = outline(p, event);
    }
    var m = L.circleMarker([place.lat, place.lon], {
      radius: radius(p.count), color: stroke || colour, weight: stroke && stroke !== colour ? 3 : p.ambiguous ? 2 : 1,
      dashArray: p.ambiguous ? "4 3" : null, fillColor: colour,
      fillOpacity: p.ambiguous ? 0.15 : 0.6, className: "frontline-marker" + (p.ambiguous ? " ambiguous" : "")
    });
    m.placeId = place.id;
    m.mentionCount = p.count;
    var what = state.colour === "event" && event !== NO_EVENT ? ", " + data.events[event].label : "";
    m.bindTooltip(el("span", { text: place.name + " (" + p.count + what + ")" }));  // a node: never parsed as HTML
    m.details = p;
    m.bindPopup(function () { return popup(place, p); }, POPUP_OPTIONS);
    return m;
  }
  // area grows with the mentions up to 50, then only slowly: 40,000 mentions of a town over a
  // year would otherwise draw a circle wider than the screen
  function radius(count) { return 5 + 3 * Math.sqrt(Math.min(count, 50)) + 4 * Math.log(Math.max(count, 50) / 50); }
  function popup(place, p) {
    var coords = place.lat.toFixed(5) + ", " + place.lon.toFixed(5);
    var copy = el("button", { type: "button", "class": "frontline-copy", text: "copy" });
    copy.addEventListener("click", function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(coords); }
    });
    var list = el("ol", { "class": "frontline-mentions" });
    var shown = 0;
    p.markers.forEach(function (m) {
      m[MARKER.excerpts].forEach(function (i) {
        var mention = data.mentions[i];  // as the filters count it
        if (!state.events[mention[MENTION.event]] || !state.sides[SIDE_OF[mention[MENTION.claimant]]]) { return; }
        if (shown < POPUP_MENTIONS) { list.appendChild(mentionItem(mention)); shown += 1; }
      });
    });
    var where = [place.admin1, place.country].filter(Boolean).join(", ");
    var counted = p.count + " mention" + (p.count === 1 ? "" : "s");
    return el("div", { "class": "frontline-popup" }, [
      el("h4", { text: place.name + (p.ambiguous ? " (ambiguous)" : "") }),
      claimsTimeline(p.place),
      el("div", { "class": "frontline-coords" }, [el("code", { text: coords }), copy]),
      where ? el("div", { text: where }) : null,
      el("div", { "class": "frontline-variants", text: "names seen: " + place.variants.join(", ") }),
      el("div", { "class": "frontline-count", text: shown < p.count ? "showing " + shown + " of " + counted : counted }),
      shown ? null : el("div", { "class": "frontline-excerpts", text: "This large map quotes the busiest places and dates only." }),
      list
    ]);
  }
  function mentionItem(m) {
    var article = data.articles[m[MENTION.article]], sentence = data.sentences[m[MENTION.sentence]];
    var from = m[MENTION.markStart], to = m[MENTION.markEnd];
    var text = el("q", {}, [
      document.createTextNode(sentence.slice(0, from)),
      el("mark", { text: sentence.slice(from, to) }),
      document.createTextNode(sentence.slice(to))
    ]);
    var url = safeUrl(article.url);
    var title = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: article.title })
                    : el("span", { text: article.title });
    var dateSource = m[MENTION.dateSource];
    var guessed = PUBLISHED_GUESSES[article.published_source];
    var source = dateSource === DateSource.PUBLISHED && guessed
      ? guessed : (DATE_LABELS[dateSource] || dateSource);
    var dateText = (m[MENTION.date] || "?") + " (" + source + ")";
    var ambiguous = m[MENTION.resolution] === ResolutionStatus.AMBIGUOUS ? " · ambiguous" : "";
    if (m[MENTION.event] !== NO_EVENT) {
      var claimant = data.claimants[m[MENTION.claimant]].value;
      ambiguous += " · " + eventText(m[MENTION.event], m[MENTION.eventSide]) + (claimant ? " (" + claimant + ")" : "");
    }
    return el("li", {}, [text, el("div", { "class": "frontline-meta" }, [
      el("span", { text: article.outlet + " · " }), title,
      el("span", { text: " · " + dateText + " · confidence " + m[MENTION.confidence] + ambiguous })
    ])]);
  }

  // -- claims of control ----------------------------------------------------------------------
  function eventText(event, side) {
    var text = data.events[event].verb;
    if (!side) { return text; }
    return text + (data.events[event].value === Event.DENIAL ? " a capture by " : " by ") + side;
  }
  function asOf() {  // the window's last day, as a time: a claim counts once it is made
    var bin = data.bins[state.index];
    if (bin === undefined) { return -Infinity; }
    if (bin === data.undated) { return Infinity; }
    var start = new Date(bin + "T00:00:00Z");
    if (data.stats.bin === "week") { return start.getTime() + 6 * 86400000; }
    if (data.stats.bin === "month") { return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0); }
    return start.getTime();
  }
  function contradicts(a, b) {  // a capture claim and a denial of it, or a capture by the other side
    var captureA = a[CLAIM.event] === eventAt[Event.CAPTURE], captureB = b[CLAIM.event] === eventAt[Event.CAPTURE];
    if (!captureA && !captureB) { return false; }
    if (!captureA) { return contradicts(b, a); }
    if (Math.abs(a.time - b.time) > data.dispute_days * 86400000) { return false; }
    var sideA = a[CLAIM.side], sideB = b[CLAIM.side];
    if (b[CLAIM.event] === eventAt[Event.DENIAL]) { return !sideA || !sideB || sideA === sideB; }
    return captureB && !!sideA && !!sideB && sideA !== sideB;
  }
  function knownClaims(place, until) { return claimsOf[place].filter(function (c) { return c.time <= until; }); }
  function disputed(claim, known) { return known.some(function (other) { return contradicts(claim, other); }); }
  function claimsTimeline(place) {
    var known = knownClaims(place, asOf());
    if (!known.length) { return null; }
    var line = el("ul", { "class": "frontline-claims" });
    var earlier = Math.max(0, known.length - POPUP_CLAIMS);
    if (earlier) {
      line.appendChild(el("li", { "class": "frontline-earlier", text: earlier + " earlier claim" + (earlier === 1 ? "" : "s") + " not shown" }));
    }
    known.slice(earlier).forEach(function (c) {
      var times = c[CLAIM.mentions] > 1 ? " ×" + c[CLAIM.mentions] : "";
      var item = el("li", { "class": "frontline-claim", text: c[CLAIM.date] + " " + eventText(c[CLAIM.event], c[CLAIM.side]) +
        " (" + data.claimants[c[CLAIM.claimant]].value + ", " + data.outlets[c[CLAIM.outlet]].name + ")" + times });
      var check = checkText(c);
      if (check) {
        item.appendChild(el("span", { "class": "frontline-check " + data.checks[c[CLAIM.check]].value, text: check }));
      }
      if (disputed(c, known)) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(el("strong", { "class": "frontline-disputed", text: "disputed" }));
      }
      line.appendChild(item);
    });
    return el("div", {}, [el("div", { "class": "frontline-claims-title", text: "claims of control" }), line]);
  }
  function controlAsOf() {  // [{place, claim, disputed}] for every place with a capture claim by then
    var until = asOf(), out = [];
    claimsOf.forEach(function (claims, place) {
      var known = knownClaims(place, until), latest = null;
      known.forEach(function (c) { if (c[CLAIM.event] === eventAt[Event.CAPTURE] && c[CLAIM.side]) { latest = c; } });
      if (latest) { out.push({ place: place, claim: latest, disputed: disputed(latest, known) }); }
    });
    return out;
  }
  var rings = {};  // place -> its ring on the claimed-control layer, kept from step to step
  function drawControl() {
    var until = asOf();
    if (controlLayer.asOf === until) { return; }  // filters and colours do not change it
    controlLayer.asOf = until;
    var shown = {};
    controlAsOf().forEach(function (c) {
      var side = c.claim[CLAIM.side], colour = sideColour[side] || BOTH_SIDES, ring = rings[c.place];
      shown[c.place] = true;
      if (!ring) {
        var place = data.places[c.place];
        ring = rings[c.place] = L.circleMarker([place.lat, place.lon], { pane: "frontline-control", radius: 16, weight: 3 });
        ring.placeId = place.id;
        ring.bindTooltip(function () {
          return el("span", { text: place.name + ": claimed by " + ring.claim[CLAIM.side] + " on " +
                                    ring.claim[CLAIM.date] + (ring.disputed ? " (disputed)" : "") });
        });
      }
      ring.claim = c.claim;
      if (ring.look !== colour + c.disputed) {  // restyled only when it changes
        ring.look = colour + c.disputed;
        ring.setStyle({ color: colour, fillColor: colour, fillOpacity: c.disputed ? 0.08 : 0.25,
                        dashArray: c.disputed ? "6 5" : null });
        ring.disputed = c.disputed;
        ring.options.className = ringClass(c.disputed);  // for a path made later (layer switched on)
        if (ring._path) { ring._path.setAttribute("class", ringClass(c.disputed)); }
      }
      if (!controlLayer.hasLayer(ring)) { controlLayer.addLayer(ring); }
    });
    Object.keys(rings).forEach(function (place) { if (!shown[place]) { controlLayer.removeLayer(rings[place]); } });
    container.setAttribute("data-control", Object.keys(shown).length);
  }
  // -- the front line ---------------------------------------------------------------------------
  function checkText(c) {  // " — DeepStateMap: inside from 2025-12-01"; "" for a claim not checked
    var value = data.checks[c[CLAIM.check]].value, day = c[CLAIM.checkDate];
    if (!value) { return ""; }
    var side = c[CLAIM.side];  // a capture hands the place to its side, a withdrawal to the other
    var gains = c[CLAIM.event] === eventAt[Event.CAPTURE] ? side : side === Side.RU ? Side.UA : Side.RU;
    var inside = gains === (front ? front.area_side : Side.RU);
    var held = inside ? "inside" : "outside", notHeld = inside ? "outside" : "inside";
    var text = value === FrontlineCheck.CONFIRMED ? held + " from " + day
      : value === FrontlineCheck.ALREADY ? "already " + held + " on " + day
      : value === FrontlineCheck.NOT_CONFIRMED ? "still " + notHeld + " on " + day : "no data";
    return " — " + (front ? front.name : "front line") + ": " + text;
  }
  var frontTimes = front ? front.dates.map(function (d) { return Date.parse(d + "T00:00:00Z"); }) : [];
  var frontAreas = {};  // area index -> its polygon, made the first time it is shown
  function frontIndex(until) {  // the snapshot in effect: the latest on or before `until`; -1: none
    var lo = 0, hi = frontTimes.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (frontTimes[mid] <= until) { lo = mid + 1; } else { hi = mid; } }
    return lo - 1;
  }
  function decodeRing(steps) {
    var out = [], x = 0, y = 0;
    for (var k = 0; k < steps.length; k += 2) { x += steps[k]; y += steps[k + 1]; out.push([y / front.scale, x / front.scale]); }
    return out;
  }
  function frontArea(shape) {
    if (!frontAreas[shape]) {
      var colour = sideColour[front.area_side] || BOTH_SIDES;
      frontAreas[shape] = L.polygon(front.areas[shape].map(function (rings) { return rings.map(decodeRing); }), {
        pane: "frontline-front", interactive: false, className: "frontline-front", color: colour, weight: 1.5,
        opacity: 0.8, fillColor: colour, fillOpacity: 0.12 });
    }
    return frontAreas[shape];
  }
  function drawFront() {
    if (!front) { return; }
    var at = frontIndex(asOf()), shape = at < 0 ? -1 : front.shapes[at];
    frontLabel.textContent = at < 0 ? "front line: none before " + front.dates[0] : "front line as of " + front.dates[at];
    container.setAttribute("data-front", at < 0 ? "" : front.dates[at]);
    if (frontLayer.shape === shape) { return; }  // the same area: nothing to redraw
    frontLayer.shape = shape;
    frontLayer.clearLayers();
    if (shape >= 0) { frontLayer.addLayer(frontArea(shape)); }
  }
  function ringClass(disputed) { return "frontline-control leaflet-interactive" + (disputed ? " disputed" : ""); }

  // -- time control ---------------------------------------------------------------------------
  var container = el("div", { "class": "frontline-time leaflet-bar", tabindex: "0" });
  var slider = el("input", { type: "range", min: "0", max: String(Math.max(0, data.bins.length - 1)),
                             value: String(state.index), "aria-label": "date" });
  var label = el("span", { "class": "frontline-date" });
  var frontLabel = el("span", { "class": "frontline-front-date" });
  var back = el("button", { type: "button", title: "previous date", text: "◀◀" });
  var play = el("button", { type: "button", title: "play / pause", text: "▶" });
  var next = el("button", { type: "button", title: "next date", text: "▶▶" });
  var mode = el("select", { "aria-label": "window" }, [
    el("option", { value: "date", text: "this date only" }),
    el("option", { value: "until", text: "everything up to this date" }),
    el("option", { value: "days", text: "the last N days" })
  ]);
  var days = el("input", { type: "number", min: "1", value: String(state.days), "aria-label": "days", style: "width:4em" });
  mode.value = state.mode;
  [back, play, next, slider, label, mode, days].forEach(function (c) { container.appendChild(c); });
  if (front) { container.appendChild(frontLabel); }
  function step(delta) {
    if (!data.bins.length) { return; }
    state.index = Math.min(data.bins.length - 1, Math.max(0, state.index + delta));
    render();
  }
  function toggle() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; play.textContent = "▶"; return; }
    if (state.index >= data.bins.length - 1) { state.index = -1; }
    play.textContent = "❚❚";
    state.timer = setInterval(function () {
      if (state.index >= data.bins.length - 1) { toggle(); } else { step(1); }
    }, options.interval || 800);
  }
  slider.addEventListener("input", function () { state.index = Number(slider.value); render(); });
  back.addEventListener("click", function () { step(-1); });
  next.addEventListener("click", function () { step(1); });
  play.addEventListener("click", toggle);
  mode.addEventListener("change", function () { state.mode = mode.value; render(); });
  days.addEventListener("change", function () { state.days = Math.max(1, Number(days.value) || 1); render(); });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" && event.target !== slider || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === "ArrowLeft") { step(-1); event.preventDefault(); }
    if (event.key === "ArrowRight") { step(1); event.preventDefault(); }
  });
  addControl(container, "bottomleft");

  // -- search, coordinates, panels ------------------------------------------------------------
  function fold(s) { return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’ʼ`\-]/g, "").trim(); }
  var search = el("div", { "class": "frontline-search leaflet-bar" });
  var box = el("input", { type: "search", placeholder: "find a place (any name)", "aria-label": "search" });
  var results = el("ul", { "class": "frontline-results" });
  search.appendChild(box); search.appendChild(results);
  function matchedName(place, q) {  // the first of the place's names that starts with q
    var names = [place.name].concat(place.variants, place.names || []);
    for (var i = 0; i < names.length; i++) { if (fold(names[i]).indexOf(q) === 0) { return names[i]; } }
    return null;
  }
  function find(query) {
    var q = fold(query);
    if (!q) { return []; }
    return data.places.filter(function (p) { return matchedName(p, q) !== null; }).slice(0, 8);
  }
  function goTo(place) {
    var target = null;
    [layer, clusters].forEach(function (g) { g.eachLayer(function (m) { if (m.placeId === place.id) { target = m; } }); });
    var zoom = Math.max(map.getZoom(), 11);
    // in a cluster: zoom to where it stands alone (markercluster shows a marker above its
    // cluster's zoom; its zoomToShowLayer waits for an icon, which circle markers do not have)
    if (target && target.__parent) { zoom = Math.min(map.getMaxZoom(), Math.max(zoom, target.__parent._zoom + 1)); }
    map.setView([place.lat, place.lon], zoom, { animate: false });
    if (target && target._map) { target.openPopup(); }
    else if (target) { L.popup(POPUP_OPTIONS).setLatLng(target.getLatLng()).setContent(popup(place, target.details)).openOn(map); }
    results.textContent = "";
    container.setAttribute("data-found", place.id);
  }
  box.addEventListener("input", function () {
    results.textContent = "";
    find(box.value).forEach(function (place) {
      var matched = matchedName(place, fold(box.value));
      var where = [place.admin1, place.country].filter(Boolean).join(", ");
      var item = el("li", { text: place.name + (matched !== place.name ? " (" + matched + ")" : "") +
                                  (where ? " — " + where : "") });
      item.addEventListener("click", function () { goTo(place); });
      results.appendChild(item);
    });
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var hit = find(box.value)[0]; if (hit) { goTo(hit); } }
  });
  addControl(search, "topleft");

  map.on("click", function (event) {
    var text = event.latlng.lat.toFixed(5) + ", " + event.latlng.lng.toFixed(5);
    L.popup().setLatLng(event.latlng).setContent(el("code", { "class": "frontline-click", text: text })).openOn(map);
  });

  var panel = el("div", { "class": "frontline-panel leaflet-bar" });
  var s = data.stats;
  panel.appendChild(el("div", { "class": "frontline-stats", text: s.articles + " articles · " + s.mentions +
    " mentions · " + (s.first ? s.first + " to " + s.last : "no dates") + " · " + s.unresolved + " unresolved" }));
  var checked = Object.keys(s.checks || {}).reduce(function (n, k) { return n + s.checks[k]; }, 0);
  if (checked) {  // the claims of control checked against the front-line reference
    panel.appendChild(el("div", { "class": "frontline-checks", text: "claims checked against " +
      (front ? front.name : "the front line") + ": " + data.checks.filter(function (c) { return c.value; })
        .map(function (c) { return s.checks[c.value] + " " + c.label; }).join(" · ") }));
  }
  var colourBy = el("select", { "class": "frontline-colour-by", "aria-label": "colour markers by" }, [
    el("option", { value: "event", text: "colour by event" }), el("option", { value: "outlet", text: "colour by outlet" })]);
  colourBy.value = state.colour;
  colourBy.addEventListener("change", function () { state.colour = colourBy.value; render(); });
  if (data.stats.events) { panel.appendChild(colourBy); }  // a table without events: outlets, as before
  var eventLegend = el("ul", { "class": "frontline-legend frontline-events" });
  function checkbox(label, swatch, checked, onChange, value) {
    var box = el("input", { type: "checkbox", value: value });
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); render(); });
    return el("li", {}, [el("label", {}, [box, swatch, el("span", { text: label })])]);
  }
  data.events.forEach(function (e, i) {
    eventLegend.appendChild(checkbox(e.label, el("span", { "class": "swatch by-event", style: "background:" + e.colour }), true,
                                     function (on) { state.events[i] = on; }, e.value || "none"));
  });
  SIDE_FILTERS.forEach(function (side) {
    var swatch = el("span", { "class": "swatch outline by-event", style: "border-color:" + (sideColour[side] || "#bbb") });
    eventLegend.appendChild(checkbox(SIDE_LABELS[side], swatch, true, function (on) { state.sides[side] = on; }, side));
  });
  eventLegend.appendChild(el("li", { "class": "by-event" }, [el("span", { "class": "swatch outline", style: "border-color:" + BOTH_SIDES }),
                                        el("span", { text: "outline: said by officials of both sides" })]));
  if (data.stats.events) { panel.appendChild(eventLegend); }
  var controlLegend = el("ul", { "class": "frontline-legend" }, [el("li", { text: "claimed control (layer control):" })]);
  data.sides.forEach(function (s) {
    controlLegend.appendChild(el("li", {}, [el("span", { "class": "swatch ring", style: "border-color:" + s.colour }),
                                            el("span", { text: "last claimed by " + s.value })]));
  });
  controlLegend.appendChild(el("li", {}, [el("span", { "class": "swatch ring disputed" }),
                                          el("span", { text: "disputed (contradicted within " + data.dispute_days + " days)" })]));
  if (data.claims.length) { panel.appendChild(controlLegend); }
  var legend = el("ul", { "class": "frontline-legend frontline-outlets" });
  data.outlets.forEach(function (o) {
    legend.appendChild(el("li", {}, [el("span", { "class": "swatch", style: "background:" + o.colour }),
                                     el("span", { text: o.name + " (" + o.mentions + ")" })]));
  });
  panel.appendChild(legend);
  var always = el("ul", { "class": "frontline-legend" });  // in either colouring
  always.appendChild(el("li", {}, [el("span", { "class": "swatch ambiguous" }), el("span", { text: "ambiguous place" })]));
  always.appendChild(el("li", {}, [el("span", { "class": "swatch cluster" }),
                                   el("span", { text: "nearby places: their mentions (click to zoom in)" })]));
  panel.appendChild(always);
  if (s.excerpts < s.placed) {
    panel.appendChild(el("div", { "class": "frontline-excerpts", text: "A large map: popups quote " + s.excerpts +
      " of the " + s.placed + " mentions, a few of each of the busiest places and dates." }));
  }
  if (data.unresolved.length) {
    var unresolved = el("details", { "class": "frontline-unresolved" }, [
      el("summary", { text: "unresolved names (" + data.unresolved.length + ")" })]);
    var ul = el("ul");
    data.unresolved.forEach(function (u) {
      ul.appendChild(el("li", { text: u.name + " ×" + u.count + " — " + u.articles.join(", ") }));
    });
    unresolved.appendChild(ul);
    panel.appendChild(unresolved);
  }
  addControl(panel, "topright");

  function addControl(node, position) {
    var Control = L.Control.extend({ onAdd: function () {
      L.DomEvent.disableClickPropagation(node); L.DomEvent.disableScrollPropagation(node); return node; } });
    new Control({ position: position }).addTo(map);
  }
  render();
  window.frontlineReadyAt = performance.now();  // for the benchmark: time to first render
  window.frontline = { map: map, data: data, state: state, render: render, step: step, find: find, goTo: goTo,
                       layer: layer, clusters: clusters, controlLayer: controlLayer, controlAsOf: controlAsOf,
                       frontLayer: frontLayer };
}
