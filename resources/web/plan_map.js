// The map front end of both the window's page (desktop/map_view.py, over QWebChannel) and the offline
// HTML export (layers/html_export.py): one drawing code for styles, schematic dashes, labels and highlight.
// The page carries its data as JSON in the element #plan-map-data; PlanMap.start builds the map from it.
// In the window the page sends feature ids, the cursor position and the view to Python, and Python calls
// the PlanMap functions; the export opens its own popups (data.popups, escaped HTML built from the store).
// Feature names are data: they reach the DOM only through textContent, never as markup.
(function () {
  'use strict';

  var PlanMap = {};
  var map = null;
  var data = null;
  var py = null;
  var bridged = false;     // the page runs in the window, with Qt's QWebChannel
  var overlays = {};       // layer name -> L.GeoJSON
  var featureLayer = {};   // feature id -> the map layer drawing it
  var layerOfFeature = {}; // feature id -> layer name
  var opacity = {};        // layer name -> 0..1
  var visible = {};        // layer name -> bool
  var selectedId = null;
  var groupIds = [];       // the members of a selected group (一轴一带三组团), highlighted together
  var tiles = null;
  var land = null;
  var labels = null;
  var layerLabels = {};     // layer name -> L.LayerGroup of the labels a user's style asks for
  var offlineBasemap = true;
  var pending = [];
  var popup = null;         // the export's feature popup
  var hoverTip = null;      // the export's name under the cursor

  function send(method) {
    if (!bridged) { return; }
    var args = Array.prototype.slice.call(arguments, 1);
    if (py) { py[method].apply(py, args); } else { pending.push([method, args]); }
  }

  function textElement(className, text) {
    var span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    return span;
  }

  function renderer(pane) {
    var options = {pane: pane, tolerance: 4};
    return data.renderer === 'svg' ? L.svg(options) : L.canvas(options);
  }

  function styleOf(name, props, highlighted) {
    var styles = data.styles[name] || data.styles[Object.keys(data.styles)[0]];
    var s = styles.kinds[props.kind] || styles.base;
    var op = opacity[name] === undefined ? 1 : opacity[name];
    var fillOpacity = s.fill ? s.fillOpacity : 0;
    if (!offlineBasemap && data.basemapLayers.indexOf(name) >= 0) { fillOpacity = 0; }
    var style = {
      color: s.stroke, weight: s.width, opacity: op,
      fillColor: s.fill || s.stroke, fillOpacity: fillOpacity * op,
      dashArray: props.accuracy === 'schematic' ? data.schematicDash : null
    };
    if (highlighted) {
      style.color = data.highlight; style.weight = s.width + 3; style.opacity = 1;
      style.fillOpacity = Math.max(style.fillOpacity, 0.35); style.fillColor = data.highlight;
      if (data.basemapLayers.indexOf(name) >= 0) { style.fillOpacity = 0.15; }
    }
    return style;
  }

  function buildOverlay(name, collection) {
    var styles = data.styles[name];
    var radius = styles ? styles.base.radius : 5;
    var drawer = renderer('overlayPane');
    // Features never take pointer events: clicks and hovers go to the map, and hits() finds what is under them.
    var layer = L.geoJSON(collection, {
      renderer: drawer,
      interactive: false,
      style: function (feature) { return styleOf(name, feature.properties, false); },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {radius: radius, renderer: drawer, interactive: false});
      },
      onEachFeature: function (feature, sub) {
        featureLayer[feature.properties.id] = sub;
        layerOfFeature[feature.properties.id] = name;
      }
    });
    return layer;
  }

  function buildAll(collections) {
    data.layers.forEach(function (spec) {
      var name = spec.name;
      if (overlays[name]) { map.removeLayer(overlays[name]); }
      overlays[name] = buildOverlay(name, collections[name] || {type: 'FeatureCollection', features: []});
      if (visible[name] !== false) { overlays[name].addTo(map); }
    });
    buildLand(collections);
    buildLayerLabels();
    if (selectedId) { highlight(selectedId, true); }
  }

  function labelMarker(label, className) {
    var icon = L.divIcon({html: textElement(className, label.name), className: 'plan-map-label-icon',
                          iconSize: null});
    return L.marker([label.lat, label.lon], {icon: icon, interactive: false, keyboard: false, pane: 'labels'});
  }

  function buildLayerLabels() {
    Object.keys(layerLabels).forEach(function (name) { map.removeLayer(layerLabels[name]); });
    layerLabels = {};
    (data.featureLabels || []).forEach(function (label) {
      if (!layerLabels[label.layer]) { layerLabels[label.layer] = L.layerGroup(); }
      labelMarker(label, 'plan-map-label plan-map-label-imported').addTo(layerLabels[label.layer]);
    });
    Object.keys(layerLabels).forEach(function (name) {
      if (visible[name] !== false) { layerLabels[name].addTo(map); }
    });
  }

  function buildLand(collections) {
    if (land) { map.removeLayer(land); }
    var drawer = renderer('land');
    land = L.layerGroup();
    data.basemapLayers.forEach(function (name) {
      if (!collections[name]) { return; }
      L.geoJSON(collections[name], {
        renderer: drawer, interactive: false,
        style: function () { return {stroke: false, fillColor: data.land, fillOpacity: 1}; }
      }).addTo(land);
    });
    if (offlineBasemap) { land.addTo(map); }
  }

  function buildLabels() {
    labels = L.layerGroup();
    data.labels.forEach(function (label) {
      labelMarker(label, 'plan-map-label plan-map-label-' + label.layer).addTo(labels);
    });
    if (offlineBasemap) { labels.addTo(map); }
  }

  function highlight(id, on) {
    var sub = featureLayer[id];
    if (!sub) { return; }
    var name = layerOfFeature[id];
    sub.setStyle(styleOf(name, sub.feature.properties, on));
    if (on && sub.bringToFront) { sub.bringToFront(); }
  }

  function hits(e) {
    var found = [];
    var order = data.layers.map(function (spec) { return spec.name; }).reverse();
    order.forEach(function (name) {
      if (!overlays[name] || !map.hasLayer(overlays[name])) { return; }
      overlays[name].eachLayer(function (sub) {
        try {
          if (sub._containsPoint(e.layerPoint)) { found.push(sub.feature.properties.id); }
        } catch (err) { /* a layer not drawn yet cannot be under the cursor */ }
      });
    });
    return found;
  }

  function zoomToFeature(sub) {
    if (sub.getBounds) {
      map.fitBounds(sub.getBounds(), {maxZoom: 13, padding: [40, 40], animate: false});
    } else {
      map.setView(sub.getLatLng(), Math.max(map.getZoom() || 0, 13), {animate: false});
    }
  }

  // The first view of both pages: the focus feature if there is one, else every drawn layer but the
  // basemap's land (the surrounding cities reach far beyond the plans), else all of them, else the centre.
  function initialView() {
    if (data.focus && featureLayer[data.focus]) { zoomToFeature(featureLayer[data.focus]); return; }
    var plans = L.latLngBounds([]);
    var all = L.latLngBounds([]);
    data.layers.forEach(function (spec) {
      var bounds = overlays[spec.name] && overlays[spec.name].getBounds();
      if (!bounds || !bounds.isValid()) { return; }
      all.extend(bounds);
      if (data.basemapLayers.indexOf(spec.name) < 0) { plans.extend(bounds); }
    });
    var bounds = plans.isValid() ? plans : all;
    if (bounds.isValid()) {
      map.fitBounds(bounds, {padding: [10, 10], animate: false});
    } else {
      map.setView(data.centre, data.zoom, {animate: false});
    }
  }

  function viewJson() {
    var size = map.getSize();
    var y = Math.round(size.y / 2);
    var a = map.containerPointToLatLng([0, y]);
    var b = map.containerPointToLatLng([size.x, y]);
    var mpp = size.x > 0 ? map.distance(a, b) / size.x : 0;
    var c = map.getCenter();
    return JSON.stringify({lat: c.lat, lon: c.lng, zoom: map.getZoom(), metresPerPixel: mpp,
                           width: size.x, height: size.y});
  }

  function featureCentre(sub) {
    return sub.getBounds ? sub.getCenter() : sub.getLatLng();
  }

  // The export's popup: the feature's escaped HTML from data.popups, with the feature highlighted while open.
  function openPopup(id, latlng) {
    var sub = featureLayer[id];
    if (!sub || !data.popups[id]) { return false; }
    PlanMap.selectFeature(id, false);
    popup = L.popup({maxWidth: 380, autoPanPadding: [20, 20]})
      .setLatLng(latlng || featureCentre(sub))
      .setContent(data.popups[id]);
    popup.on('remove', function () { if (selectedId === id) { PlanMap.clearSelection(); } });
    popup.openOn(map);
    return true;
  }

  function topNamed(ids) {
    for (var i = 0; i < ids.length; i++) {
      if (featureLayer[ids[i]]) { return featureLayer[ids[i]].feature.properties; }
    }
    return null;
  }

  function showHoverName(latlng, ids) {
    var props = topNamed(ids);
    map.getContainer().style.cursor = props ? 'pointer' : '';
    if (!props || !props.name) {
      if (hoverTip && map.hasLayer(hoverTip)) { map.removeLayer(hoverTip); }
      return;
    }
    if (!hoverTip) { hoverTip = L.tooltip({direction: 'top', offset: [0, -8], className: 'plan-map-hover'}); }
    hoverTip.setLatLng(latlng).setContent(textElement('plan-map-hover-name', props.name));
    if (!map.hasLayer(hoverTip)) { hoverTip.addTo(map); }
  }

  function layerControl() {
    var entries = {};
    data.layers.forEach(function (spec) {
      // The layers control writes its names as HTML: give it the title escaped.
      entries[textElement('', spec.title).outerHTML] = overlays[spec.name];
    });
    L.control.layers(null, entries, {collapsed: false}).addTo(map);
    map.on('overlayadd overlayremove', function (e) {
      var name = Object.keys(overlays).filter(function (n) { return overlays[n] === e.layer; })[0];
      if (name) { PlanMap.setLayerVisible(name, e.type === 'overlayadd'); }
    });
  }

  function listen() {
    map.on('click', function (e) {
      var ids = hits(e);
      send('featuresClicked', JSON.stringify(ids));
      if (data.popups) {
        var withPopup = ids.filter(function (id) { return data.popups[id]; });
        if (withPopup.length) { openPopup(withPopup[0], e.latlng); } else { map.closePopup(); }
      }
    });
    var moveQueued = null;
    var moveEvent = null;
    map.on('mousemove', function (e) {
      var first = moveQueued === null;
      moveQueued = e.latlng; moveEvent = e;
      if (!first) { return; }
      window.requestAnimationFrame(function () {
        if (moveQueued === null) { return; }
        send('cursorMoved', moveQueued.lng, moveQueued.lat);
        if (data.hoverNames) { showHoverName(moveQueued, hits(moveEvent)); }
        moveQueued = null;
      });
    });
    map.on('mouseout', function () {
      if (hoverTip && map.hasLayer(hoverTip)) { map.removeLayer(hoverTip); }
    });
    map.on('moveend zoomend resize', function () { send('viewChanged', viewJson()); });
  }

  // Build the map in the element with this id from the page's JSON data.
  PlanMap.start = function (elementId) {
    data = JSON.parse(document.getElementById('plan-map-data').textContent);
    bridged = typeof QWebChannel !== 'undefined' && typeof qt !== 'undefined';
    map = L.map(elementId, {minZoom: data.minZoom, maxZoom: data.maxZoom, preferCanvas: data.renderer !== 'svg'});
    map.getContainer().style.background = data.sea;
    map.attributionControl.setPrefix(false);
    L.control.scale({imperial: false, maxWidth: 150}).addTo(map);
    map.createPane('land').style.zIndex = 250;
    map.createPane('labels').style.zIndex = 450;
    map.getPane('labels').style.pointerEvents = 'none';
    data.layers.forEach(function (spec) { opacity[spec.name] = 1; visible[spec.name] = true; });
    buildAll(data.collections);
    buildLabels();
    if (data.basemap && data.basemap.kind !== 'offline') { PlanMap.setBasemap(data.basemap); }
    if (data.layerControl) { layerControl(); }
    initialView();
    listen();
    if (data.focus && featureLayer[data.focus]) {
      if (!(data.popups && openPopup(data.focus))) { PlanMap.selectFeature(data.focus, false); }
    }
    if (bridged) {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        py = channel.objects.bridge;
        pending.forEach(function (call) { py[call[0]].apply(py, call[1]); });
        pending = [];
        window.planMapReady = true;
        py.pageReady(viewJson());
      });
    } else {
      window.planMapReady = true;
    }
    return map;
  };

  PlanMap.setLayerVisible = function (name, on) {
    visible[name] = !!on;
    if (!overlays[name]) { return false; }
    if (on && !map.hasLayer(overlays[name])) { overlays[name].addTo(map); }
    if (!on && map.hasLayer(overlays[name])) { map.removeLayer(overlays[name]); }
    if (layerLabels[name]) {
      if (on) { layerLabels[name].addTo(map); } else { map.removeLayer(layerLabels[name]); }
    }
    return true;
  };

  PlanMap.setLayerOpacity = function (name, value) {
    opacity[name] = Math.max(0, Math.min(1, Number(value)));
    if (!overlays[name]) { return false; }
    overlays[name].eachLayer(function (sub) {
      sub.setStyle(styleOf(name, sub.feature.properties, sub.feature.properties.id === selectedId));
    });
    return true;
  };

  function clearGroup() {
    groupIds.forEach(function (id) { if (id !== selectedId) { highlight(id, false); } });
    groupIds = [];
  }

  PlanMap.selectFeature = function (id, zoom) {
    clearGroup();
    if (selectedId && selectedId !== id) { highlight(selectedId, false); }
    selectedId = featureLayer[id] ? id : null;
    if (!selectedId) { return false; }
    highlight(id, true);
    if (zoom) { zoomToFeature(featureLayer[id]); }
    return true;
  };

  PlanMap.clearSelection = function () {
    clearGroup();
    if (selectedId) { highlight(selectedId, false); }
    selectedId = null;
  };

  // A group the plans name as one (一轴一带三组团, 1+7): its members highlighted together, framed when zoom.
  PlanMap.selectFeatures = function (ids, zoom) {
    PlanMap.clearSelection();
    groupIds = ids.filter(function (id) { return featureLayer[id]; });
    selectedId = groupIds[0] || null;
    var bounds = L.latLngBounds([]);
    groupIds.forEach(function (id) {
      var sub = featureLayer[id];
      highlight(id, true);
      if (sub.getBounds) { bounds.extend(sub.getBounds()); } else { bounds.extend(sub.getLatLng()); }
    });
    if (zoom && bounds.isValid()) { map.fitBounds(bounds, {maxZoom: 13, padding: [40, 40], animate: false}); }
    return groupIds.length;
  };

  PlanMap.selectedIds = function () {
    return JSON.stringify(groupIds.length ? groupIds : (selectedId ? [selectedId] : []));
  };

  PlanMap.zoomToLayer = function (name) {
    var layer = overlays[name];
    if (!layer || !layer.getBounds().isValid()) { return false; }
    map.fitBounds(layer.getBounds(), {padding: [20, 20], animate: false});
    return true;
  };

  // spec: {kind: 'offline'} or {kind: 'tiles', url, attribution, subdomains, maxZoom, labelsUrl}
  PlanMap.setBasemap = function (spec) {
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    offlineBasemap = spec.kind === 'offline';
    if (offlineBasemap) {
      land.addTo(map); labels.addTo(map);
    } else {
      map.removeLayer(land); map.removeLayer(labels);
      var options = {attribution: spec.attribution || '', subdomains: spec.subdomains || 'abc',
                     maxZoom: spec.maxZoom || 18, pane: 'tilePane'};
      tiles = L.layerGroup([L.tileLayer(spec.url, options)]);
      if (spec.labelsUrl) { tiles.addLayer(L.tileLayer(spec.labelsUrl, L.extend({}, options, {attribution: ''}))); }
      tiles.addTo(map);
    }
    data.basemapLayers.forEach(function (name) { PlanMap.setLayerOpacity(name, opacity[name]); });
    return true;
  };

  // Replace the overlays' geometry (e.g. shifted to GCJ-02 for an AMap basemap), keeping the view state.
  PlanMap.setOverlayData = function (collections) {
    featureLayer = {}; layerOfFeature = {};
    buildAll(collections);
    return true;
  };

  PlanMap.setView = function (lat, lon, zoom) {
    map.setView([lat, lon], zoom, {animate: false});
    return viewJson();
  };

  PlanMap.getView = function () { return viewJson(); };

  // For tests and the benchmark: how many features each layer shows, and where a feature is on screen.
  PlanMap.visibleCounts = function () {
    var counts = {};
    Object.keys(overlays).forEach(function (name) {
      counts[name] = map.hasLayer(overlays[name]) ? overlays[name].getLayers().length : 0;
    });
    return JSON.stringify(counts);
  };

  PlanMap.pointOf = function (id) {
    var sub = featureLayer[id];
    if (!sub) { return 'null'; }
    var latlng = featureCentre(sub);
    var p = map.latLngToContainerPoint(latlng);
    return JSON.stringify({x: p.x, y: p.y, lat: latlng.lat, lon: latlng.lng});
  };

  PlanMap.selectedId = function () { return selectedId || ''; };

  PlanMap.labelTexts = function (name) {
    var texts = [];
    if (layerLabels[name]) {
      layerLabels[name].eachLayer(function (marker) { texts.push(marker.options.icon.options.html.textContent); });
    }
    return JSON.stringify(texts);
  };

  // ---- choropleth ------------------------------------------------------------------------------------------
  // Districts filled by an indicator's class colours (layers/choropleth.py page_spec), through the page's
  // per-feature styles so selection, opacity and redrawn overlays keep them; a legend in the corner.
  // spec: {layer, title, unit, fills: {feature id: colour}, values: {feature id: text}, entries: [{colour, label}]}
  var choropleth = null;
  var choroplethLegend = null;
  var choroplethSaved = {};  // feature id -> its own per-feature style before the choropleth (or undefined)

  function choroplethLegendControl(spec) {
    var control = L.control({position: 'bottomright'});
    control.onAdd = function () {
      var box = L.DomUtil.create('div', 'plan-map-choropleth-legend');
      box.style.cssText = 'background:rgba(255,255,255,0.92);padding:6px 9px;border-radius:4px;font-size:12px;' +
        'line-height:19px;box-shadow:0 1px 4px rgba(0,0,0,0.3);max-width:280px';
      var title = textElement('plan-map-choropleth-title', spec.title);
      title.style.cssText = 'display:block;font-weight:bold;margin-bottom:2px';
      box.appendChild(title);
      spec.entries.forEach(function (entry) {
        var row = document.createElement('div');
        var swatch = document.createElement('span');
        swatch.style.cssText = 'display:inline-block;width:16px;height:12px;margin-right:6px;' +
          'vertical-align:-1px;border:1px solid #777';
        swatch.style.background = entry.colour;
        row.appendChild(swatch);
        row.appendChild(textElement('plan-map-choropleth-label', entry.label));
        box.appendChild(row);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }

  // Show a choropleth, or remove it with null.
  PlanMap.setChoropleth = function (spec) {
    if (!data.featureStyles) { data.featureStyles = {}; }
    Object.keys(choroplethSaved).forEach(function (id) {
      if (choroplethSaved[id]) { data.featureStyles[id] = choroplethSaved[id]; } else { delete data.featureStyles[id]; }
    });
    choroplethSaved = {};
    if (choroplethLegend) { map.removeControl(choroplethLegend); choroplethLegend = null; }
    var restyle = {};
    if (choropleth) { restyle[choropleth.layer] = true; }
    choropleth = spec || null;
    if (choropleth) {
      restyle[choropleth.layer] = true;
      Object.keys(choropleth.fills).forEach(function (id) {
        var sub = featureLayer[id];
        if (!sub) { return; }
        var styles = data.styles[choropleth.layer];
        var own = data.featureStyles[id];
        choroplethSaved[id] = own;
        data.featureStyles[id] = L.extend({}, own || styles.kinds[sub.feature.properties.kind] || styles.base,
                                          {fill: choropleth.fills[id], fillOpacity: 0.9});
      });
      choroplethLegend = choroplethLegendControl(choropleth).addTo(map);
    }
    Object.keys(restyle).forEach(function (name) {
      PlanMap.setLayerOpacity(name, opacity[name] === undefined ? 1 : opacity[name]);
    });
    return true;
  };

  // For tests: the choropleth's title, each feature's fill as drawn, and the legend's text.
  PlanMap.choroplethState = function () {
    var fills = {};
    if (choropleth) {
      Object.keys(choropleth.fills).forEach(function (id) {
        if (featureLayer[id] && featureLayer[id].options) { fills[id] = featureLayer[id].options.fillColor; }
      });
    }
    return JSON.stringify({title: choropleth ? choropleth.title : null, fills: fills,
                           legend: choroplethLegend ? choroplethLegend.getContainer().textContent : ''});
  };

  window.PlanMap = PlanMap;
}());
