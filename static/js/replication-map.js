// The replication map of /replikasi/: provinces shaded by replications, and lines from an
// innovation's origin to each adopter. Only the project's own province GeoJSON is drawn
// (no tile server); every number is also in the tables of the page.
document.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("replication-map");
  const dataElement = document.getElementById("replication-map-data");
  if (!container || !dataElement || typeof L === "undefined") return;

  // Strings come from Django's JavaScript catalog (jsi18n), loaded before this file.
  const gettext = window.gettext || ((text) => text);
  const interpolate = window.interpolate
    || ((text, values) => text.replace(/%\((\w+)\)s/g, (_match, key) => values[key]));
  const data = JSON.parse(dataElement.textContent);
  const counts = {};
  data.provinces.forEach((row) => { counts[row.code] = row; });
  const legend = document.getElementById("map-legend");
  const palette = ["#eef3f8", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  let measure = "started";

  const map = L.map(container, { zoomSnap: 0.25, minZoom: 3, maxZoom: 9, attributionControl: true, zoomControl: false });
  // Leaflet's zoom buttons are named in English by default; the page is in the visitor's language.
  L.control.zoom({ zoomInTitle: gettext("Perbesar peta"), zoomOutTitle: gettext("Perkecil peta") }).addTo(map);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(gettext("Provinsi: Deny Herianto, CC BY 4.0"));

  const maxOf = (key) => Math.max(1, ...data.provinces.map((row) => row[key]));
  const colour = (value, max) => {
    if (!value) return palette[0];
    return palette[Math.min(palette.length - 1, 1 + Math.floor(((value - 1) / max) * (palette.length - 1)))];
  };
  const style = (feature) => {
    const row = counts[feature.properties.code] || { started: 0, completed: 0 };
    return { color: "#5b6675", weight: 0.6, fillOpacity: 0.9, fillColor: colour(row[measure], maxOf(measure)) };
  };
  const describe = (row) =>
    interpolate(gettext("%(name)s: %(started)s dimulai, %(active)s berjalan, %(completed)s berlanjut"), row, true);

  fetch(container.dataset.geojsonUrl)
    .then((response) => response.json())
    .then((geojson) => {
      const centres = {};
      const layer = L.geoJSON(geojson, {
        style,
        onEachFeature: (feature, shape) => {
          const row = counts[feature.properties.code];
          centres[feature.properties.code] = shape.getBounds().getCenter();
          if (row) shape.bindTooltip(describe(row));
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      drawLines(centres);
      updateLegend();
      document.querySelectorAll("input[name=measure]").forEach((input) => {
        input.addEventListener("change", () => {
          measure = input.value;
          layer.setStyle(style);
          updateLegend();
        });
      });
    });

  function drawLines(centres) {
    const origin = centres[data.origin_province];
    if (origin) L.circleMarker(origin, { radius: 7, color: "#c8102e", fillOpacity: 1 }).addTo(map).bindTooltip(gettext("Asal"));
    data.lines.forEach((line) => {
      const from = centres[line.from];
      const to = centres[line.to];
      if (!from || !to) return;
      const colour = line.stage === "dihentikan" ? "#9aa5b1" : line.stage === "berlanjut" ? "#1b7f3b" : "#c8102e";
      const label = interpolate(gettext("%(adopter)s — %(stage_label)s (generasi %(generation)s)"), line, true);
      if (from.equals(to)) {
        L.circleMarker(to, { radius: 5, color: colour }).addTo(map).bindTooltip(label);
      } else {
        L.polyline([from, to], { color: colour, weight: 2, dashArray: line.generation > 1 ? "4 4" : null })
          .addTo(map).bindTooltip(label);
      }
    });
  }

  function updateLegend() {
    if (!legend) return;
    const text = measure === "started"
      ? gettext("Warna: jumlah replikasi dimulai per provinsi (paling banyak %(max)s).")
      : gettext("Warna: jumlah replikasi berlanjut per provinsi (paling banyak %(max)s).");
    legend.textContent = interpolate(text, { max: maxOf(measure) }, true);
  }
});
