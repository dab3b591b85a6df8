"""The yardstick for the dashboard's first map: a page that only draws the same provinces.

benchmarks/app_bench.py serves this beside app/main.py and times both in one run: the
dashboard should draw its map no later than this bare st_folium page does. Same GeoJSON,
same offline Leaflet (app.offline), same map height; nothing else on the page. Streamlit
serves the static folder beside the script it runs: benchmarks/static links to app/static.
"""

from __future__ import annotations

import folium
from streamlit_folium import st_folium

from app import data, mapview
from app.offline import offline_map

fmap = offline_map(location=mapview.CENTER, zoom_start=mapview.ZOOM)
folium.GeoJson(data.load_boundaries(data.boundaries_path())).add_to(fmap)
st_folium(fmap, height=mapview.MAP_HEIGHT, use_container_width=True, returned_objects=[])
