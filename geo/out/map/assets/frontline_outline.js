/* frontline: the offline outline, a base layer drawn from data the page carries (no tiles, no network).
 *
 * frontlineOutline(outline) returns a Leaflet layer drawing `outline` (geo/out/map/vendor/outline/
 * outline.json, built by geo/out/map/build_offline.py from Natural Earth and the gazetteer): land and
 * lakes filled, the sea as the map's background, rivers, coasts, first-level regions and country
 * borders as lines, in the theatre at 1:50m and the rest of the world at 1:110m; and labels for
 * countries, regions and settlements, each shown between its min_zoom and max_zoom so the larger
 * places come first. The geometry is drawn in a pane of its own under the markers; labels in one
 * above the geometry and under the markers, and they never catch clicks.
 * Label text is put into the page with textContent.
 */
function frontlineOutline(outline) {
  "use strict";
  var PANE = "frontline-outline", LABEL_PANE = "frontline-outline-labels";
  var LAND = "#f3f0e8", WATER = "#c9dcea";
  // drawn in this order, each as one path: [outline key, path options]
  var LAYERS = [
    ["world_land", { stroke: false, fillColor: LAND, fillOpacity: 1 }],
    ["land", { stroke: false, fillColor: LAND, fillOpacity: 1 }],
    ["lakes", { stroke: false, fillColor: WATER, fillOpacity: 1 }],
    ["rivers", { color: "#7aa6c8", weight: 1.2, opacity: 0.9 }],
    ["coast", { color: "#7f9db3", weight: 1 }],
    ["regions", { color: "#a39684", weight: 1, dashArray: "5 4" }],
    ["world_borders", { color: "#8a8178", weight: 1 }],
    ["borders", { color: "#6b5f55", weight: 1.8 }]
  ];
  var at = {};
  outline.label_fields.forEach(function (name, i) { at[name] = i; });

  function label(row) {
    var text = document.createElement("span");
    text.textContent = row[at.name];
    return L.marker([row[at.lat], row[at.lon]], {
      pane: LABEL_PANE, interactive: false, keyboard: false,
      icon: L.divIcon({ html: text, iconSize: null,
                        className: "frontline-outline-label frontline-outline-" + row[at.kind] })
    });
  }

  var Outline = L.LayerGroup.extend({
    options: { attribution: outline.attribution },

    onAdd: function (map) {
      if (!map.getPane(PANE)) {
        map.createPane(PANE).style.zIndex = 250;  // over the tiles' pane, under the overlays
        var labels = map.createPane(LABEL_PANE);
        labels.style.zIndex = 380;  // under the claimed-control rings (390)
        labels.style.pointerEvents = "none";
      }
      if (!this._drawn) {
        var renderer = L.svg({ pane: PANE });
        LAYERS.forEach(function (entry) {
          var options = L.extend({ renderer: renderer, interactive: false,
                                   className: "frontline-outline-" + entry[0].replace("_", "-") }, entry[1]);
          this.addLayer(L.geoJSON(outline[entry[0]], { style: options, interactive: false }));
        }, this);
        this._labels = outline.labels.map(function (row) { return { row: row, marker: null }; });
        this._drawn = true;
      }
      L.LayerGroup.prototype.onAdd.call(this, map);
      map.getContainer().classList.add("frontline-outline-on");
      map.on("moveend", this._showLabels, this);
      this._showLabels();
    },

    onRemove: function (map) {
      map.off("moveend", this._showLabels, this);
      map.getContainer().classList.remove("frontline-outline-on");
      L.LayerGroup.prototype.onRemove.call(this, map);
    },

    // the labels in view (and a margin) whose zoom range holds the map's zoom are on the map,
    // the others not: the page holds a few hundred label elements at most
    _showLabels: function () {
      var zoom = this._map.getZoom(), view = this._map.getBounds().pad(0.25);
      this._labels.forEach(function (entry) {
        var shown = entry.row[at.min_zoom] <= zoom && zoom <= entry.row[at.max_zoom] &&
                    view.contains([entry.row[at.lat], entry.row[at.lon]]);
        if (shown && !entry.marker) { entry.marker = label(entry.row); }
        if (shown && !this.hasLayer(entry.marker)) { this.addLayer(entry.marker); }
        if (!shown && entry.marker && this.hasLayer(entry.marker)) { this.removeLayer(entry.marker); }
      }, this);
    }
  });
  return new Outline();
}
