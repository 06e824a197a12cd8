// The map front end of both the window's page (desktop/map_view.py, over QWebChannel) and the offline
// HTML export (layers/html_export.py): one drawing code for styles, schematic dashes, labels and highlight.
// The page carries its data as JSON in the element #plan-map-data; PlanMap.start builds the map from it.
// In the window a click sends its place and the map's scale to Python, which asks the store what is under
// it; the page also sends the cursor position and the view, and Python calls the PlanMap functions. The
// export has no Python: it finds what is under a click itself, in the same order, and opens its own popups
// (data.popups, escaped HTML built from the store).
// Labels come with the data (text, rule, where they may go, from Python's label points); placeLabels()
// shows those the zoom allows, by priority, hiding any that would overlap one placed before it.
// Feature names are data: they reach the DOM only through textContent, never as markup.
(function () {
  'use strict';

  var PlanMap = {};
  var map = null;
  var data = null;
  var py = null;
  var bridged = false;     // the page runs in the window, with Qt's QWebChannel
  var overlays = {};       // layer name -> L.GeoJSON
  var casings = {};        // layer name -> L.GeoJSON of the wider strokes drawn beneath its lines
  var featureLayer = {};   // feature id -> the map layer drawing it
  var layerOfFeature = {}; // feature id -> layer name
  var areaOf = {};         // feature id -> its area in square screen pixels at zoom 0 (polygons)
  var opacity = {};        // layer name -> 0..1
  var visible = {};        // layer name -> bool
  var selectedId = null;
  var groupIds = [];       // the members of a selected group (一轴一带三组团), highlighted together
  var selectionDrawn = 0;  // for the benchmark: when the last change of the selection was drawn (ms since the epoch)
  var tiles = null;
  var land = null;
  var offlineBasemap = true;
  var pending = [];
  var popup = null;         // the export's feature popup
  var hoverTip = null;      // the export's name under the cursor
  var labelData = [];       // every label the page may show, in placing order
  var labelMarkers = {};    // label key -> L.marker shown now
  var placed = [];          // the labels shown now: {label, key, box}
  var measured = {};        // class and text -> [width, height] of the label's element
  var measureBox = null;
  var labelsQueued = false;

  var PICK_ORDER = {point: 0, line: 1, polygon: 2, structure: 3, context: 4};
  var STRUCTURE_LAYERS = ['structure_lines'];   // axes and belts: picked after the areas they cross
  var CONTEXT_LAYERS = ['districts', 'neighbours'];  // what encloses everything: picked last
  var LABEL_GAP = 2;        // pixels kept free around a label
  var POINT_OBSTACLE_ZOOM = 12;  // from this zoom labels keep off point symbols
  var EARTH_CIRCUMFERENCE = 40075016.686;

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

  function baseStyle(name, props) {
    var styles = data.styles[name] || data.styles[Object.keys(data.styles)[0]];
    return (data.featureStyles && data.featureStyles[props.id]) || styles.kinds[props.kind] || styles.base;
  }

  function dashOf(s, props) {
    return props.accuracy === 'schematic' ? (s.dash || data.schematicDash) : null;
  }

  function styleOf(name, props, highlighted) {
    var s = baseStyle(name, props);
    var op = opacity[name] === undefined ? 1 : opacity[name];
    var fillOpacity = s.fill ? s.fillOpacity : 0;
    if (!offlineBasemap && data.basemapLayers.indexOf(name) >= 0) { fillOpacity = 0; }
    var style = {
      color: s.stroke, weight: s.width, opacity: op,
      fillColor: s.fill || s.stroke, fillOpacity: fillOpacity * op,
      dashArray: dashOf(s, props)
    };
    if (highlighted) {
      style.color = data.highlight; style.weight = s.width + 3; style.opacity = 1;
      style.fillOpacity = Math.max(style.fillOpacity, 0.35); style.fillColor = data.highlight;
      if (data.basemapLayers.indexOf(name) >= 0) { style.fillOpacity = 0.15; }
    }
    return style;
  }

  function casingStyle(name, props) {
    var s = baseStyle(name, props);
    var op = opacity[name] === undefined ? 1 : opacity[name];
    return {color: s.casing, weight: s.casingWidth, opacity: op, fill: false, dashArray: dashOf(s, props)};
  }

  function hasCasing(name, feature) {
    var geometry = feature.geometry && feature.geometry.type;
    return !!geometry && geometry.indexOf('LineString') >= 0 && !!baseStyle(name, feature.properties).casing;
  }

  // Shoelace area of a polygon's rings in Web Mercator pixels at zoom 0 (holes subtract).
  function ringArea(latlngs) {
    var sum = 0;
    for (var i = 0, n = latlngs.length; i < n; i++) {
      var a = L.CRS.EPSG3857.latLngToPoint(latlngs[i], 0);
      var b = L.CRS.EPSG3857.latLngToPoint(latlngs[(i + 1) % n], 0);
      sum += a.x * b.y - b.x * a.y;
    }
    return Math.abs(sum) / 2;
  }

  function polygonArea(latlngs) {
    if (!latlngs.length) { return 0; }
    if (latlngs[0] instanceof L.LatLng) { return ringArea(latlngs); }
    if (latlngs[0].length && latlngs[0][0] instanceof L.LatLng) {  // one polygon: outer ring, then holes
      return latlngs.reduce(function (total, ring, i) { return total + (i ? -1 : 1) * ringArea(ring); }, 0);
    }
    return latlngs.reduce(function (total, part) { return total + polygonArea(part); }, 0);
  }

  function buildOverlay(name, collection) {
    var styles = data.styles[name];
    var radius = styles ? styles.base.radius : 5;
    var drawer = renderer('overlayPane');
    // Features never take pointer events: clicks and hovers go to the map (and, in the window, to Python).
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
        if (sub instanceof L.Polygon) { areaOf[feature.properties.id] = polygonArea(sub.getLatLngs()); }
      }
    });
    var cased = (collection.features || []).filter(function (f) { return hasCasing(name, f); });
    casings[name] = cased.length ? L.geoJSON({type: 'FeatureCollection', features: cased}, {
      renderer: drawer, interactive: false,
      style: function (feature) { return casingStyle(name, feature.properties); }
    }) : null;
    return layer;
  }

  // A layer on the map: its casings first, so the renderer draws them beneath its lines.
  function showOverlay(name, on) {
    var parts = [casings[name], overlays[name]].filter(Boolean);
    parts.forEach(function (part) { if (map.hasLayer(part)) { map.removeLayer(part); } });
    if (on) { parts.forEach(function (part) { part.addTo(map); }); }
  }

  function buildAll(collections) {
    data.layers.forEach(function (spec) {
      var name = spec.name;
      showOverlay(name, false);
      overlays[name] = data.tiled && data.tiled[name] ? tiledOverlay(name)
        : buildOverlay(name, collections[name] || {type: 'FeatureCollection', features: []});
      showOverlay(name, visible[name] !== false);
    });
    buildLand(collections);
    if (selectedId) { highlight(selectedId, true); }
    groupIds.forEach(function (id) { highlight(id, true); });  // a group stays highlighted over a rebuild
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

  function isSelected(id) {
    return id === selectedId || groupIds.indexOf(id) >= 0;
  }

  function highlight(id, on) {
    var sub = featureLayer[id];
    if (!sub) { return; }
    var name = layerOfFeature[id];
    sub.setStyle(styleOf(name, sub.feature.properties, on));
    if (on && sub.bringToFront) { sub.bringToFront(); }
  }

  // ---- labels ----------------------------------------------------------------------------------------

  function setLabels(builtIn, imported) {
    labelData = (builtIn || []).concat(imported || []);
    labelData.forEach(function (label, index) { label.key = index + ':' + (label.id || label.name); });
    Object.keys(labelMarkers).forEach(function (key) { map.removeLayer(labelMarkers[key]); });
    labelMarkers = {};
    placed = [];
    queueLabels();
  }

  function ruleOf(label) {
    return data.labelRules[label.rule] || data.labelRules['|'];
  }

  function labelClass(label) {
    var rule = ruleOf(label);
    var layerClass = label.layer.replace(/[^A-Za-z0-9_-]/g, '_');
    return 'plan-map-label plan-map-label-' + rule.placement + ' plan-map-label-' + layerClass +
      (label.badge ? ' plan-map-badge' : '');
  }

  function labelElement(label) {
    var rule = ruleOf(label);
    var span = textElement(labelClass(label), label.name);
    span.style.fontSize = rule.size + 'px';
    span.style.color = rule.colour;
    if (rule.bold) { span.style.fontWeight = 'bold'; }
    if (label.badge) { span.style.backgroundColor = label.badge; }
    return span;
  }

  // The label's element size before it is turned, measured once in the page's own font.
  function labelSize(label) {
    var rule = ruleOf(label);
    var key = labelClass(label) + '|' + rule.size + '|' + rule.bold + '|' + label.name;
    if (!measured[key]) {
      if (!measureBox) {
        measureBox = document.createElement('div');
        measureBox.className = 'plan-map-measure';
        document.body.appendChild(measureBox);
      }
      var span = labelElement(label);
      measureBox.appendChild(span);
      measured[key] = [span.offsetWidth, span.offsetHeight];
      measureBox.removeChild(span);
    }
    return measured[key];
  }

  function labelShown(label, zoom) {
    var rule = ruleOf(label);
    if (zoom < rule.minZoom || visible[label.layer] === false || !overlays[label.layer]) { return false; }
    if (!offlineBasemap && data.basemapLayers.indexOf(label.layer) >= 0) { return false; }  // tiles name them
    return !label.id || !!featureLayer[label.id];
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  // Where the label's box would be on screen at this anchor: [x0, y0, x1, y1] in container pixels.
  function labelBox(label, anchor, size) {
    var rule = ruleOf(label);
    var p = map.latLngToContainerPoint([anchor[1], anchor[0]]);
    var angle = rule.placement === 'along' && anchor.length > 2 ? anchor[2] : 0;
    var radians = angle * Math.PI / 180;
    var w = size[0] * Math.abs(Math.cos(radians)) + size[1] * Math.abs(Math.sin(radians));
    var h = size[0] * Math.abs(Math.sin(radians)) + size[1] * Math.abs(Math.cos(radians));
    var dy = 0;
    if (rule.placement === 'above') {
      var styles = data.styles[label.layer];
      // Clear of its own symbol, which obstacles() keeps free with its gap.
      dy = -((styles ? styles.base.radius : 5) + 2 + 2 * LABEL_GAP + size[1] / 2);
    }
    return {box: [p.x - w / 2, p.y + dy - h / 2, p.x + w / 2, p.y + dy + h / 2], angle: angle, dy: dy};
  }

  // What labels must not cover: the map's controls, and the point symbols drawn now from the zoom where
  // stations are named (further out, a district's name may cover a station's dot).
  function obstacles(zoom) {
    var boxes = [];
    var origin = map.getContainer().getBoundingClientRect();
    Array.prototype.forEach.call(map.getContainer().querySelectorAll('.leaflet-control'), function (element) {
      var r = element.getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
      }
    });
    var size = map.getSize();
    Object.keys(overlays).forEach(function (name) {
      if (zoom < POINT_OBSTACLE_ZOOM || !map.hasLayer(overlays[name])) { return; }
      overlays[name].eachLayer(function (sub) {
        if (!(sub instanceof L.CircleMarker)) { return; }
        var p = map.latLngToContainerPoint(sub.getLatLng());
        var r = sub.getRadius() + 1;
        if (p.x < -r || p.y < -r || p.x > size.x + r || p.y > size.y + r) { return; }
        boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
      });
    });
    return boxes;
  }

  function placeLabels() {
    labelsQueued = false;
    if (!map) { return; }
    var zoom = map.getZoom();
    var size = map.getSize();
    var taken = obstacles(zoom);
    var next = [];
    var order = labelData;
    if (selectedId) {  // the selected feature's name first
      order = labelData.filter(function (l) { return l.id === selectedId; })
        .concat(labelData.filter(function (l) { return l.id !== selectedId; }));
    }
    order.forEach(function (label) {
      if (!labelShown(label, zoom)) { return; }
      var extent = labelSize(label);
      for (var i = 0; i < label.at.length; i++) {
        var spot = labelBox(label, label.at[i], extent);
        var b = spot.box;
        if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) { continue; }
        var padded = [b[0] - LABEL_GAP, b[1] - LABEL_GAP, b[2] + LABEL_GAP, b[3] + LABEL_GAP];
        if (taken.some(function (other) { return overlaps(padded, other); })) { continue; }
        taken.push(padded);
        next.push({label: label, key: label.key + '@' + i, anchor: label.at[i], spot: spot});
        break;
      }
    });
    var keep = {};
    next.forEach(function (item) { keep[item.key] = true; });
    Object.keys(labelMarkers).forEach(function (key) {
      if (!keep[key]) { map.removeLayer(labelMarkers[key]); delete labelMarkers[key]; }
    });
    next.forEach(function (item) {
      if (labelMarkers[item.key]) { return; }
      var span = labelElement(item.label);
      var turn = item.spot.angle ? ' rotate(' + item.spot.angle + 'deg)' : '';
      span.style.transform = 'translate(-50%, -50%) translate(0px, ' + item.spot.dy + 'px)' + turn;
      var icon = L.divIcon({html: span, className: 'plan-map-label-icon', iconSize: null});
      labelMarkers[item.key] = L.marker([item.anchor[1], item.anchor[0]], {
        icon: icon, interactive: false, keyboard: false, pane: 'labels'}).addTo(map);
    });
    placed = next;
  }

  function queueLabels() {
    if (labelsQueued || !map) { return; }
    labelsQueued = true;
    window.setTimeout(placeLabels, 0);
  }

  // ---- picking ---------------------------------------------------------------------------------------

  function pickClass(name, sub) {
    if (CONTEXT_LAYERS.indexOf(name) >= 0) { return 'context'; }
    if (sub instanceof L.CircleMarker) { return 'point'; }
    if (sub instanceof L.Polygon) { return 'polygon'; }
    return STRUCTURE_LAYERS.indexOf(name) >= 0 ? 'structure' : 'line';
  }

  // The export's (and the hover name's) hit test, in the order the window's store query uses: points,
  // lines, the smallest area, axes and belts, districts last.
  function hits(e) {
    var found = [];
    data.layers.forEach(function (spec, position) {
      var name = spec.name;
      if (!overlays[name] || !map.hasLayer(overlays[name])) { return; }
      overlays[name].eachLayer(function (sub) {
        try {
          if (!sub._containsPoint(e.layerPoint)) { return; }
        } catch (err) { return; /* a layer not drawn yet cannot be under the cursor */ }
        var id = sub.feature.properties.id;
        var kind = pickClass(name, sub);
        var measure = kind === 'point' ? e.layerPoint.distanceTo(map.latLngToLayerPoint(sub.getLatLng()))
          : (kind === 'polygon' || kind === 'context') ? (areaOf[id] || 0) : -position;
        found.push({id: id, rank: PICK_ORDER[kind], measure: measure});
      });
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.measure - b.measure; });
    return found.map(function (hit) { return hit.id; });
  }

  function metresPerPixel(lat) {
    return EARTH_CIRCUMFERENCE * Math.cos(lat * Math.PI / 180) / (256 * Math.pow(2, map.getZoom()));
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
      if (bridged) {  // Python asks the store what is under the click (in the frame the overlays are drawn in)
        send('mapClicked', e.latlng.lng, e.latlng.lat, metresPerPixel(e.latlng.lat));
        return;
      }
      var ids = hits(e);
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
    map.on('moveend zoomend resize', placeLabels);
  }

  // Build the map in the element with this id from the page's JSON data.
  PlanMap.start = function (elementId) {
    data = JSON.parse(document.getElementById('plan-map-data').textContent);
    if (data.quantum) { dequantise(data.collections, data.quantum); }
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
    if (data.basemap && data.basemap.kind !== 'offline') { PlanMap.setBasemap(data.basemap); }
    if (data.layerControl) { layerControl(); }
    initialView();
    setLabels(data.labels, data.featureLabels);
    listen();
    if (data.focus && featureLayer[data.focus]) {
      if (!(data.popups && openPopup(data.focus))) { PlanMap.selectFeature(data.focus, false); }
    }
    placeLabels();
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
    if (!!on !== map.hasLayer(overlays[name])) { showOverlay(name, !!on); }
    queueLabels();
    return true;
  };

  PlanMap.setLayerOpacity = function (name, value) {
    opacity[name] = Math.max(0, Math.min(1, Number(value)));
    if (!overlays[name]) { return false; }
    overlays[name].eachLayer(function (sub) {
      sub.setStyle(styleOf(name, sub.feature.properties, isSelected(sub.feature.properties.id)));
    });
    if (casings[name]) {
      casings[name].eachLayer(function (sub) { sub.setStyle(casingStyle(name, sub.feature.properties)); });
    }
    if (overlays[name].repaint) { overlays[name].repaint(); }
    return true;
  };

  // After a change of the selection: labels placed again (the selected feature's first) at once, so they change
  // in the frame that draws the highlight (queued, they often came a frame later: ~25 ms more with software
  // drawing), and for the benchmark the time that frame was drawn: a frame's callbacks run before it is painted,
  // a task they queue after.
  function selectionShown() {
    selectionDrawn = 0;
    placeLabels();
    noteSelectionDrawn();
  }

  function noteSelectionDrawn() {
    if (selectedId && !featureLayer[selectedId] && !tiledSelection) { return; }  // a tiled feature: once fetched
    window.requestAnimationFrame(function () {
      if (labelsQueued) { noteSelectionDrawn(); return; }  // the labels are placed after this frame: the next
      window.setTimeout(function () { selectionDrawn = performance.timeOrigin + performance.now(); }, 0);
    });
  }

  function clearGroup() {
    groupIds.forEach(function (id) { if (id !== selectedId) { highlight(id, false); } });
    groupIds = [];
  }

  PlanMap.selectFeature = function (id, zoom, outline) {
    clearGroup();
    if (selectedId && selectedId !== id) { highlight(selectedId, false); }
    clearTiledSelection();
    selectedId = featureLayer[id] ? id : null;
    if (!selectedId && data.tiledFeatureUrl) {  // perhaps a feature of a tiled layer: the store draws it
      selectedId = id;
      selectTiled(id, zoom, outline);
      selectionShown();
      return true;
    }
    if (!selectedId) { return false; }
    highlight(id, true);
    if (zoom) { zoomToFeature(featureLayer[id]); }
    selectionShown();
    return true;
  };

  PlanMap.clearSelection = function () {
    clearGroup();
    if (selectedId) { highlight(selectedId, false); }
    clearTiledSelection();
    selectedId = null;
    selectionShown();
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
    selectionShown();
    return groupIds.length;
  };

  // For the benchmark: when the last change of the selection was drawn, in ms since the epoch (0: not yet).
  PlanMap.selectionDrawnAt = function () { return selectionDrawn; };

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
      land.addTo(map);
    } else {
      map.removeLayer(land);
      var options = {attribution: spec.attribution || '', subdomains: spec.subdomains || 'abc',
                     maxZoom: spec.maxZoom || 18, pane: 'tilePane'};
      tiles = L.layerGroup([L.tileLayer(spec.url, options)]);
      if (spec.labelsUrl) { tiles.addLayer(L.tileLayer(spec.labelsUrl, L.extend({}, options, {attribution: ''}))); }
      tiles.addTo(map);
    }
    data.basemapLayers.forEach(function (name) { PlanMap.setLayerOpacity(name, opacity[name]); });
    queueLabels();
    return true;
  };

  // Replace the overlays' geometry and labels (e.g. shifted to GCJ-02 for an AMap basemap), keeping the
  // view state. `labels` is {labels, featureLabels} as in the page data, or absent to keep the labels.
  PlanMap.setOverlayData = function (collections, labels) {
    featureLayer = {}; layerOfFeature = {}; areaOf = {};
    tiledGeneration += 1;
    buildAll(collections);
    if (labels) { setLabels(labels.labels, labels.featureLabels); } else { queueLabels(); }
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

  // Where a place (in the frame the overlays are drawn in) is on screen, in the map's own pixels.
  PlanMap.screenPoint = function (lat, lon) {
    var p = map.latLngToContainerPoint([lat, lon]);
    return JSON.stringify({x: p.x, y: p.y});
  };

  PlanMap.selectedId = function () { return selectedId || ''; };

  // The features drawn in the selection's highlight now (what the user sees highlighted), sorted.
  PlanMap.highlightedIds = function () {
    return JSON.stringify(Object.keys(featureLayer).filter(function (id) {
      return featureLayer[id].options.color === data.highlight;
    }).sort());
  };

  // What the page's own hit test (the export's) finds at a place, in picking order.
  PlanMap.hitsAt = function (lat, lon) {
    return JSON.stringify(hits({layerPoint: map.latLngToLayerPoint([lat, lon])}));
  };

  // Every label text the page has for a layer (shown or not).
  PlanMap.labelTexts = function (name) {
    return JSON.stringify(labelData.filter(function (l) { return l.layer === name; })
      .map(function (l) { return l.name; }));
  };

  // The labels shown now, placed labels first to last, with their boxes as the page draws them: [x0, y0,
  // x1, y1] in the map's pixels (a turned label's upright bounding box).
  PlanMap.placedLabels = function () {
    placeLabels();
    var origin = map.getContainer().getBoundingClientRect();
    return JSON.stringify(placed.map(function (item) {
      var marker = labelMarkers[item.key];
      var element = marker && marker.getElement() && marker.getElement().firstChild;
      var r = element ? element.getBoundingClientRect() : null;
      return {text: item.label.name, id: item.label.id, layer: item.label.layer,
              box: r ? [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]
                : item.spot.box};
    }));
  };

  // ---- tiled layers ------------------------------------------------------------------------------------
  // A layer too big to travel in the page (data.tiled[name]: url, bounds) comes by tile from the store
  // (geodata/feature_tiles.py through desktop/feature_tile_scheme.py): per tile its shapes in the tile's
  // own units, the pixels its smallest features cover, and labels at high zoom, drawn here on one canvas per
  // tile in the layer's style. A selected feature of such a layer is drawn from its full geometry, which
  // Python sends (data.tiledFeatureUrl), above the tiles.

  var tiledGeneration = 0;  // a new generation (after setOverlayData) asks the store again, never a cache
  var tileTimes = [];       // for the benchmark: per tile drawn, ms from its request to the answer and to drawn
  var TILE_TIMES_KEPT = 5000;
  var tiledSelection = null;

  function tileCanvasStyle(name, props) {
    var style = styleOf(name, {kind: props[0], accuracy: props[1]}, false);
    return {stroke: style.color, weight: style.weight, opacity: style.opacity, fill: style.fillColor,
            fillOpacity: style.fillOpacity, dash: style.dashArray ? String(style.dashArray).split(',').map(Number) : []};
  }

  // A tile's packed arrays (base64 of little-endian int16 coordinates and int32 offsets) as typed arrays.
  function unpack(tile) {
    ['areas', 'lines', 'points'].forEach(function (family) {
      var shapes = tile[family];
      if (!shapes) { return; }
      Object.keys(shapes).forEach(function (key) {
        var text = atob(shapes[key]);
        var bytes = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
        shapes[key] = key === 'coords' ? new Int16Array(bytes.buffer) : new Int32Array(bytes.buffer);
      });
    });
    return tile;
  }

  // Trace the shapes of one family (tile.areas, .lines or .points) that have style `index`: flat
  // coordinates cut by offsets, as shapely's ragged arrays (geodata/feature_tiles.py encoded). A ring's last
  // point repeats its first, so it is traced closed without closePath, which costs Chromium time in the
  // number of rings already in the path: 2,000 parcels in a zoom-13 tile took 80 ms instead of 1.
  function traceShapes(ctx, family, shapes, index, radius) {
    var c = shapes.coords;
    shapes.props.forEach(function (prop, shape) {
      if (prop !== index) { return; }
      for (var part = shapes.parts[shape]; part < shapes.parts[shape + 1]; part++) {
        if (family === 'points') {  // each part is one point
          ctx.moveTo(c[2 * part] + radius, c[2 * part + 1]);
          ctx.arc(c[2 * part], c[2 * part + 1], radius, 0, 2 * Math.PI);
          continue;
        }
        var first = family === 'areas' ? shapes.polygons[part] : part;
        var last = family === 'areas' ? shapes.polygons[part + 1] : part + 1;
        var offsets = family === 'areas' ? shapes.rings : shapes.lines;
        for (var r = first; r < last; r++) {
          ctx.moveTo(c[2 * offsets[r]], c[2 * offsets[r] + 1]);
          for (var i = offsets[r] + 1; i < offsets[r + 1]; i++) { ctx.lineTo(c[2 * i], c[2 * i + 1]); }
        }
      }
    });
  }

  // The small features' coverage (an alpha byte per pixel, zlib-compressed) as bytes, once per tile.
  function inflateCells(tile) {
    if (!tile.cells) { return Promise.resolve(tile); }
    var text = atob(tile.cells);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      tile.cells = new Uint8Array(buffer);
      return tile;
    });
  }

  function paintCells(ctx, tile, style, size) {
    var side = Math.round(Math.sqrt(tile.cells.length));
    var image = ctx.createImageData(side, side);
    var hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(style.stroke) || [0, '33', '33', '33'];
    var rgb = [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
    for (var i = 0; i < tile.cells.length; i++) {
      if (!tile.cells[i]) { continue; }
      image.data[4 * i] = rgb[0]; image.data[4 * i + 1] = rgb[1]; image.data[4 * i + 2] = rgb[2];
      image.data[4 * i + 3] = Math.round(tile.cells[i] * style.opacity);
    }
    var cells = document.createElement('canvas');
    cells.width = cells.height = side;
    cells.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, 0, 0, size, size);
  }

  function paintLabels(ctx, tile, scale) {
    var rule = (data.labelRules && data.labelRules['|']) || {size: 12, colour: '#333', bold: false};
    var family = window.getComputedStyle(map.getContainer()).fontFamily;
    ctx.font = (rule.bold ? 'bold ' : '') + rule.size + 'px ' + family;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    var taken = [];
    tile.labels.forEach(function (label) {
      var x = label[0] * scale, y = label[1] * scale;
      var half = ctx.measureText(label[2]).width / 2 + 2;
      var box = [x - half, y - rule.size / 2 - 2, x + half, y + rule.size / 2 + 2];
      var crowded = taken.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; });
      if (crowded) { return; }
      taken.push(box);
      ctx.strokeStyle = '#fff'; ctx.lineWidth = 3; ctx.strokeText(label[2], x, y);
      ctx.fillStyle = rule.colour; ctx.fillText(label[2], x, y);
    });
  }

  // Draw one tile's data on its canvas: cells, then shapes grouped by style, then labels.
  function paintTile(name, canvas) {
    var tile = canvas.planTile;
    var ctx = canvas.getContext('2d');
    var ratio = canvas.width / canvas.planSize;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!tile) { return; }
    ctx.scale(ratio, ratio);
    var scale = canvas.planSize / tile.extent;
    var styles = tile.props.map(function (props) { return tileCanvasStyle(name, props); });
    if (tile.cells && styles.length === 0) { styles.push(tileCanvasStyle(name, ['', ''])); }
    if (tile.cells) { paintCells(ctx, tile, styles[0], canvas.planSize); }
    var radius = (data.styles[name] ? data.styles[name].base.radius : 5) / scale;
    ctx.lineJoin = 'round'; ctx.lineCap = 'round';  // as Leaflet strokes paths; no notch where a ring starts
    styles.forEach(function (style, index) {
      ctx.save();
      ctx.scale(scale, scale);
      ['areas', 'points'].forEach(function (family) {
        if (!tile[family] || style.fillOpacity <= 0) { return; }
        ctx.beginPath();
        traceShapes(ctx, family, tile[family], index, radius);
        ctx.globalAlpha = style.fillOpacity; ctx.fillStyle = style.fill; ctx.fill('evenodd');
      });
      ctx.globalAlpha = style.opacity; ctx.strokeStyle = style.stroke; ctx.lineWidth = style.weight / scale;
      ctx.setLineDash(style.dash.map(function (d) { return d / scale; }));
      ['areas', 'lines', 'points'].forEach(function (family) {
        if (!tile[family]) { return; }
        ctx.beginPath();
        traceShapes(ctx, family, tile[family], index, radius);
        ctx.stroke();
      });
      ctx.restore();
    });
    if (tile.labels && tile.labels.length) { paintLabels(ctx, tile, scale); }
  }

  var TiledLayer = L.GridLayer.extend({
    initialize: function (name, spec) {
      // Above the vector renderers' canvases (z-index 100), in the layers' order: imported layers come last.
      var order = data.layers.map(function (layer) { return layer.name; }).indexOf(name);
      L.GridLayer.prototype.initialize.call(this, {pane: 'overlayPane', updateWhenZooming: false,
                                                   bounds: L.latLngBounds(spec.bounds), zIndex: 101 + order});
      this.planName = name;
      this.planSpec = spec;
      this.planGeneration = tiledGeneration;
      this.on('tileunload', function (e) { if (e.tile.planAbort) { e.tile.planAbort.abort(); } });
    },

    createTile: function (coords, done) {
      var canvas = L.DomUtil.create('canvas', 'leaflet-tile');
      var size = this.getTileSize();
      var ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(size.x * ratio); canvas.height = Math.round(size.y * ratio);
      canvas.planSize = size.x;
      var name = this.planName;
      var url = L.Util.template(this.planSpec.url, {z: coords.z, x: coords.x, y: coords.y}) +
        '?g=' + this.planGeneration;
      canvas.planAbort = new AbortController();  // a tile zoomed past is not made at all
      var asked = performance.now();
      var answered = asked;
      fetch(url, {signal: canvas.planAbort.signal}).then(function (response) {
        if (!response.ok) { throw new Error('tile ' + url + ': ' + response.status); }
        answered = performance.now();
        return response.json();
      }).then(function (tile) {
        return inflateCells(unpack(tile));
      }).then(function (tile) {
        canvas.planTile = tile;
        paintTile(name, canvas);
        if (tileTimes.length < TILE_TIMES_KEPT) { tileTimes.push([answered - asked, performance.now() - asked]); }
        done(null, canvas);
      }).catch(function (error) { done(error, canvas); });
      return canvas;
    },

    // A tile shows at once instead of fading in over 200 ms: the fade redraws the map every frame while a
    // view's tiles arrive, which on a slow renderer delays the next tiles' requests and answers.
    _tileReady: function (coords, err, tile) {
      var map = this._map;
      var fade = !!(map && map._fadeAnimated);
      if (fade) { map._fadeAnimated = false; }
      try {
        return L.GridLayer.prototype._tileReady.call(this, coords, err, tile);
      } finally {
        if (fade) { map._fadeAnimated = true; }
      }
    },

    repaint: function () {
      var name = this.planName;
      Object.keys(this._tiles).forEach(function (key) { paintTile(name, this._tiles[key].el); }, this);
    },

    // What the rest of the page asks of an overlay: its extent, and its features (a tiled layer has no
    // feature objects; getLayers lists the shapes its tiles draw now, for tests and the benchmark).
    getBounds: function () { return L.latLngBounds(this.planSpec.bounds); },
    eachLayer: function () { return this; },
    getLayers: function () {
      var shapes = [];
      Object.keys(this._tiles).forEach(function (key) {
        var tile = this._tiles[key].el.planTile;
        if (!tile || !this._tiles[key].current) { return; }
        ['areas', 'lines', 'points'].forEach(function (family) {
          if (tile[family]) { shapes = shapes.concat(Array.prototype.slice.call(tile[family].props)); }
        });
      }, this);
      return shapes;
    }
  });

  function tiledOverlay(name) {
    return new TiledLayer(name, data.tiled[name]);
  }

  function clearTiledSelection() {
    if (tiledSelection) { map.removeLayer(tiledSelection); tiledSelection = null; }
  }

  // Highlight a feature of a tiled layer with its geometry from the store (`outline`, when the window sent it
  // with the selection, else asked for); zoom to it when asked.
  function selectTiled(id, zoom, outline) {
    var url = L.Util.template(data.tiledFeatureUrl, {id: encodeURIComponent(id)});
    var asked = outline ? Promise.resolve(outline) : fetch(url).then(function (response) {
      if (!response.ok) { throw new Error('feature ' + id + ': ' + response.status); }
      return response.json();
    });
    asked.then(function (feature) {
      if (selectedId !== id) { return; }
      clearTiledSelection();
      if (!map.getPane('tiledSelection')) { map.createPane('tiledSelection').style.zIndex = 420; }
      var name = feature.properties.layer;
      tiledSelection = L.geoJSON(feature, {
        pane: 'tiledSelection', interactive: false,
        style: function () { return styleOf(name, feature.properties, true); },
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, {radius: 6, interactive: false}); }
      }).addTo(map);
      tiledSelection.planId = id;
      if (zoom) {
        map.fitBounds(tiledSelection.getBounds(), {maxZoom: data.tiledZoom, padding: [40, 40], animate: false});
      }
      noteSelectionDrawn();
    }).catch(function () { if (selectedId === id) { selectedId = null; noteSelectionDrawn(); } });
  }

  // ---- quantised collections ---------------------------------------------------------------------------
  // The HTML export writes coordinates as whole numbers of data.quantum degrees, each ring and line as its
  // first point and the steps to the next ones (layers/html_export.py quantised); read them back as GeoJSON.

  function fromSteps(flat, quantum) {
    var points = [];
    var x = 0, y = 0;
    for (var i = 0; i < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      points.push([x * quantum, y * quantum]);
    }
    return points;
  }

  function dequantise(collections, quantum) {
    Object.keys(collections).forEach(function (name) {
      collections[name].features.forEach(function (feature) {
        var g = feature.geometry;
        var read = function (flat) { return fromSteps(flat, quantum); };
        if (g.type === 'Point') { g.coordinates = read(g.coordinates)[0]; }
        else if (g.type === 'LineString' || g.type === 'MultiPoint') { g.coordinates = read(g.coordinates); }
        else if (g.type === 'Polygon' || g.type === 'MultiLineString') { g.coordinates = g.coordinates.map(read); }
        else { g.coordinates = g.coordinates.map(function (polygon) { return polygon.map(read); }); }
      });
    });
  }

  // For tests: the feature of a tiled layer drawn selected now ('' when none).
  PlanMap.tiledSelectionShown = function () {
    return tiledSelection ? tiledSelection.planId : '';
  };

  // For the benchmark: [ms from request to answer, ms from request to drawn] of each tile drawn since the
  // last call.
  PlanMap.takeTileTimes = function () {
    var taken = JSON.stringify(tileTimes);
    tileTimes = [];
    return taken;
  };

  // For tests and the benchmark: whether a tiled layer still waits for tiles.
  PlanMap.tilesLoading = function () {
    return Object.keys(overlays).some(function (name) {
      return overlays[name] instanceof TiledLayer && map.hasLayer(overlays[name]) && overlays[name].isLoading();
    });
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
