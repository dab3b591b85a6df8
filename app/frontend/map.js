// The dashboard's map frame: draws the Leaflet code app/mapframe.py sends and reports clicks.
//
// Streamlit's component protocol, by postMessage to the page: "componentReady" once this
// script runs (Leaflet has loaded before it, see index.html); then a "render" message per
// script run, with the arguments app/mapframe.py built. The base map's code runs once and
// stays, so Leaflet keeps the reader's pan and zoom; the province layer's code is replaced
// only when it changed. The value sent back is what app/mapview.clicked_province reads: the
// clicked province's feature (its properties) and a click counter, so that clicking the
// same province again is a new click. It is sent once the map is drawn, which reruns the
// script (app/pageload.py), and on every click, at once.
(function () {
    "use strict";
    var clicks = 0;
    var clicked = null;
    var sent = null;
    var groupCode = null;

    function post(type, fields) {
        var message = {isStreamlitMessage: true, type: type};
        window.parent.postMessage(Object.assign(message, fields), "*");
    }

    function report() {
        var value = {last_active_drawing: clicked, last_object_clicked_count: clicks};
        var text = JSON.stringify(value);
        if (text !== sent) {
            sent = text;
            post("streamlit:setComponentValue", {value: value, dataType: "json"});
        }
    }

    function onClick(event) {
        var shape = event.layer;
        if (!shape || !shape.feature) { return; }
        clicks += 1;
        clicked = {type: "Feature", properties: shape.feature.properties, geometry: null};
        report();
    }

    // Global code, as folium writes it (its variables are globals the layer code refers to).
    function run(code) {
        var script = document.createElement("script");
        script.textContent = code;
        document.body.appendChild(script);
    }

    function render(args) {
        if (!window.map) {
            document.head.insertAdjacentHTML("beforeend", args.header);
            document.getElementById("map_div").style.height = args.height + "px";
            run(args.script + "\nwindow.map = map_div;");
        }
        if (args.feature_group !== groupCode) {
            (window.feature_group || []).forEach(function (group) {
                window.map.removeLayer(group);
            });
            window.feature_group = [];
            groupCode = args.feature_group;
            run(groupCode);
            window.feature_group.forEach(function (group) { group.on("click", onClick); });
        }
        post("streamlit:setFrameHeight", {height: args.height});
        report();
    }

    window.addEventListener("message", function (event) {
        var data = event.data;
        if (event.source === window.parent && data && data.type === "streamlit:render") {
            render(data.args);
        }
    });
    post("streamlit:componentReady", {apiVersion: 1});
})();
