<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="64"/>
        <source>Preparing the map data (first start; this takes a minute)…</source>
        <translation>正在准备地图数据（首次启动，约需一分钟）…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="66"/>
        <location filename="../../desktop/app.py" line="74"/>
        <source>Shenzhen plan map</source>
        <translation>深圳规划地图</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="75"/>
        <source>Could not build the map data:</source>
        <translation>无法生成地图数据：</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/export_dialog.py" line="170"/>
        <location filename="../../desktop/export_dialog.py" line="405"/>
        <location filename="../../desktop/export_dialog.py" line="478"/>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="198"/>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="199"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="202"/>
        <source>Current map view</source>
        <translation>当前地图视图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="204"/>
        <location filename="../../desktop/export_dialog.py" line="556"/>
        <source>Selected feature: %1</source>
        <translation>选中要素：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="205"/>
        <source>A layer</source>
        <translation>某一图层</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="206"/>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="213"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="214"/>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="215"/>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="216"/>
        <source>Overview map</source>
        <translation>鹰眼图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="220"/>
        <source>e.g. 粤S(2025)001号</source>
        <translation>例如 粤S(2025)001号</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="230"/>
        <source>Layers: those switched on in the layer panel (%1)</source>
        <translation>图层：图层面板中已打开的图层（%1 个）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="234"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="235"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="236"/>
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="237"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="238"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="239"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="243"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="244"/>
        <source>Map review no. (审图号)</source>
        <translation>审图号</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="245"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="246"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="262"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="263"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="333"/>
        <source>Rendering preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="360"/>
        <source>Preview (%1 × %2 px at %3 dpi when exported)</source>
        <translation>预览（导出为 %3 dpi 时 %1 × %2 像素）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="364"/>
        <source>Preview of the printed page; HTML exports an interactive offline map</source>
        <translation>打印版式预览；HTML 导出为可交互的离线地图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="366"/>
        <source>Preview (vector %1)</source>
        <translation>预览（矢量 %1）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="374"/>
        <source>Cannot preview this layout</source>
        <translation>无法预览此版式</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="419"/>
        <source>The file name must end in .png, .pdf, .svg or .html.</source>
        <translation>文件名须以 .png、.pdf、.svg 或 .html 结尾。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="422"/>
        <source>%1 exists already; choose another name.</source>
        <translation>%1 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="439"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="444"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="455"/>
        <source>Rendering the image…</source>
        <translation>正在生成图片…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="461"/>
        <source>The image is on the clipboard</source>
        <translation>图片已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="559"/>
        <source>Every feature of the layer %1</source>
        <translation>图层“%1”的全部要素</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="562"/>
        <source>Export commitment sheets</source>
        <translation>导出规划承诺单</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="563"/>
        <source>Sheets for:</source>
        <translation>承诺单范围：</translation>
    </message>
</context>
<context>
    <name>FeaturePanel</name>
    <message>
        <location filename="../../desktop/feature_panel.py" line="47"/>
        <source>Several features are here: pick one</source>
        <translation>此处有多个要素，请选择一个</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="48"/>
        <source>Features here:</source>
        <translation>此处要素：</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="54"/>
        <location filename="../../desktop/feature_panel.py" line="159"/>
        <source>Click a feature on the map</source>
        <translation>在地图上点击一个要素</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="61"/>
        <source>Schematic: drawn from the plan text, not survey data</source>
        <translation>示意：按规划文本绘制，非测绘成果</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="69"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="70"/>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="71"/>
        <source>Area / length</source>
        <translation>面积 / 长度</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="72"/>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="76"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="76"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="76"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="76"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="77"/>
        <source>Binding / expected</source>
        <translation>约束性/预期性</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="77"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="82"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="88"/>
        <source>Passages</source>
        <translation>条文</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/feature_panel.py" line="136"/>
        <source>Targets (%n)</source>
        <translation>
            <numerusform>指标（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/feature_panel.py" line="137"/>
        <source>Passages (%n)</source>
        <translation>
            <numerusform>相关条文（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="142"/>
        <source>open in plan</source>
        <translation>在规划中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="143"/>
        <source>defining passage</source>
        <translation>定义条文</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="152"/>
        <source>No passage names this feature.</source>
        <translation>没有条文提到这个要素。</translation>
    </message>
    <message>
        <source>Link passage…</source>
        <translation>链接条文…</translation>
    </message>
    <message>
        <source>Link target…</source>
        <translation>链接指标…</translation>
    </message>
    <message>
        <source>Replace schematic feature…</source>
        <translation>替代示意要素…</translation>
    </message>
    <message>
        <source>This imported feature takes the place (and the links) of a schematic one, which is then hidden</source>
        <translation>本导入要素取代一个示意要素（并接收其链接），该示意要素随后隐藏</translation>
    </message>
    <message>
        <source>unlink</source>
        <translation>取消链接</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消链接</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../desktop/layer_panel.py" line="61"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="61"/>
        <location filename="../../desktop/layer_panel.py" line="109"/>
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="101"/>
        <source>Contains schematic geometry drawn from the plan text, not survey data.</source>
        <translation>含按规划文本绘制的示意图形，非测绘成果。</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="114"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="115"/>
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>样式…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Export layer…</source>
        <translation>导出图层…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="59"/>
        <source>Shenzhen plan map</source>
        <translation>深圳规划地图</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="69"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="70"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="71"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="73"/>
        <source>Plan reader</source>
        <translation>规划阅读</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="109"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="112"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="140"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="141"/>
        <source>Export map…</source>
        <translation>导出地图…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="144"/>
        <source>Export commitment sheets…</source>
        <translation>导出规划承诺单…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="164"/>
        <source>Scale %1</source>
        <translation>比例尺 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="269"/>
        <source>Online basemap: downloading tiles from the internet</source>
        <translation>在线底图：正在从互联网下载瓦片</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="272"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Import layer…</source>
        <translation>导入图层…</translation>
    </message>
    <message>
        <source>Nothing to import: drop a GeoJSON, Shapefile, GeoPackage, KML/KMZ or CSV file.</source>
        <translation>没有可导入的文件：请拖入 GeoJSON、Shapefile、GeoPackage、KML/KMZ 或 CSV 文件。</translation>
    </message>
    <message>
        <source>Importing %1; drop the other files one at a time.</source>
        <translation>正在导入 %1；其他文件请逐个拖入。</translation>
    </message>
    <message>
        <source>Import layer</source>
        <translation>导入图层</translation>
    </message>
    <message>
        <source>All importable files (*.geojson *.json *.shp *.gpkg *.kml *.kmz *.csv)</source>
        <translation>所有可导入文件 (*.geojson *.json *.shp *.gpkg *.kml *.kmz *.csv)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>KML / KMZ (*.kml *.kmz)</source>
        <translation>KML / KMZ (*.kml *.kmz)</translation>
    </message>
    <message>
        <source>CSV with longitude/latitude (*.csv)</source>
        <translation>含经纬度列的 CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>BasemapMenu</name>
    <message>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <source>Offline: land and sea (default)</source>
        <translation>离线：陆地与海洋（默认）</translation>
    </message>
    <message>
        <source>OpenStreetMap (online)</source>
        <translation>OpenStreetMap（在线）</translation>
    </message>
    <message>
        <source>Tianditu (online, needs your key)…</source>
        <translation>天地图（在线，需要密钥）…</translation>
    </message>
    <message>
        <source>AMap (online, GCJ-02)</source>
        <translation>高德地图（在线，GCJ-02）</translation>
    </message>
    <message>
        <source>Custom XYZ tile URL (online)…</source>
        <translation>自定义 XYZ 瓦片地址（在线）…</translation>
    </message>
    <message>
        <source>Local MBTiles file…</source>
        <translation>本地 MBTiles 文件…</translation>
    </message>
    <message>
        <source>Your Tianditu browser key (from console.tianditu.gov.cn). Tiles will be downloaded from the internet.</source>
        <translation>您的天地图浏览器端密钥（在 console.tianditu.gov.cn 申请）。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <source>Tianditu key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <source>A tile URL with {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png. Tiles will be downloaded from the internet.</source>
        <translation>含 {z}、{x}、{y} 的瓦片地址，例如 https://host/{z}/{x}/{y}.png。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <source>XYZ tile URL</source>
        <translation>XYZ 瓦片地址</translation>
    </message>
    <message>
        <source>MBTiles file</source>
        <translation>MBTiles 文件</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
</context>
<context>
    <name>StoreEdits</name>
    <message>
        <source>Another change to the store is still running.</source>
        <translation>另一项对数据存储的修改仍在进行。</translation>
    </message>
    <message>
        <source>Layer style</source>
        <translation>图层样式</translation>
    </message>
    <message>
        <source>Saving the style…</source>
        <translation>正在保存样式…</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>重命名图层</translation>
    </message>
    <message>
        <source>New name for %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>Renaming %1…</source>
        <translation>正在重命名 %1…</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <source>Remove the imported layer %1 with its links and style? The file it came from is not touched.</source>
        <translation>移除导入图层 %1 及其链接和样式？原始文件不受影响。</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>正在移除 %1…</translation>
    </message>
    <message>
        <source>Export layer</source>
        <translation>导出图层</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 features and %2 links to %3</source>
        <translation>已将 %1 个要素和 %2 条链接导出到 %3</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Select a feature on the map first.</source>
        <translation>请先在地图上选择一个要素。</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Saving the link…</source>
        <translation>正在保存链接…</translation>
    </message>
    <message>
        <source>Replace schematic feature</source>
        <translation>替代示意要素</translation>
    </message>
    <message>
        <source>No schematic feature to replace.</source>
        <translation>没有可替代的示意要素。</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>The schematic feature this one replaces (it will be hidden and its links move here):</source>
        <translation>本要素替代的示意要素（该要素将被隐藏，其链接转到本要素）：</translation>
    </message>
    <message>
        <source>Replacing…</source>
        <translation>正在替代…</translation>
    </message>
    <message>
        <source>Cancelling… the store stays as it was.</source>
        <translation>正在取消…数据存储保持原样。</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../desktop/search_box.py" line="23"/>
        <source>Search places and plan text…</source>
        <translation>搜索地名和规划文本…</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="44"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="46"/>
        <source>Passages</source>
        <translation>条文</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="48"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Link to the selected feature</source>
        <translation>链接到所选要素</translation>
    </message>
</context>
<context>
    <name>SheetsRun</name>
    <message>
        <location filename="../../desktop/export_dialog.py" line="500"/>
        <source>Rendering commitment sheets…</source>
        <translation>正在生成规划承诺单…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="501"/>
        <location filename="../../desktop/export_dialog.py" line="546"/>
        <source>Commitment sheets</source>
        <translation>规划承诺单</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="511"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="536"/>
        <source>Rendering commitment sheets… %1 of %2</source>
        <translation>正在生成规划承诺单… 第 %1 份，共 %2 份</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <source>Import layer: %1</source>
        <translation>导入图层：%1</translation>
    </message>
    <message>
        <source>the source layer names</source>
        <translation>沿用源图层名称</translation>
    </message>
    <message>
        <source>Layer name</source>
        <translation>图层名称</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>(none: numbered names)</source>
        <translation>（无：按序号命名）</translation>
    </message>
    <message>
        <source>From the file: %1</source>
        <translation>来自文件：%1</translation>
    </message>
    <message>
        <source>Other EPSG code…</source>
        <translation>其他 EPSG 代码…</translation>
    </message>
    <message>
        <source>The file does not say: choose…</source>
        <translation>文件未声明坐标系：请选择…</translation>
    </message>
    <message>
        <source>Choose the coordinate system the file's coordinates are in.</source>
        <translation>请选择文件坐标所用的坐标系。</translation>
    </message>
    <message>
        <source>Tick at least one layer to import.</source>
        <translation>请至少勾选一个要导入的图层。</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import cancelled; the store is unchanged.</source>
        <translation>导入已取消，数据存储未改变。</translation>
    </message>
    <message>
        <source>Imported %1 features into %2</source>
        <translation>已导入 %1 个要素到 %2</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Read %1 features from %2 (%3); imported %4.</source>
        <translation>从 %2（%3）读取 %1 个要素，导入 %4 个。</translation>
    </message>
    <message>
        <source>Layers: %1</source>
        <translation>图层：%1</translation>
    </message>
    <message>
        <source>Repaired geometries: %1</source>
        <translation>已修复几何：%1</translation>
    </message>
    <message>
        <source>Skipped without geometry: %1</source>
        <translation>无几何而跳过：%1</translation>
    </message>
    <message>
        <source>Heights (Z) dropped: %1</source>
        <translation>已去除高程 (Z)：%1</translation>
    </message>
    <message>
        <source>Mixed geometry types were split into one layer per type.</source>
        <translation>混合几何类型已按类型拆分为多个图层。</translation>
    </message>
    <message>
        <source>Encoding: %1</source>
        <translation>编码：%1</translation>
    </message>
    <message>
        <source>Coordinate system: %1</source>
        <translation>坐标系：%1</translation>
    </message>
    <message>
        <source>Name field: %1</source>
        <translation>名称字段：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Links to plan passages made: %1</source>
        <translation>与规划条文建立的链接：%1</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>PlanReader</name>
    <message>
        <source>Link to the selected feature</source>
        <translation>链接到所选要素</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <source>Link a passage to %1</source>
        <translation>为 %1 链接条文</translation>
    </message>
    <message>
        <source>Link a target to %1</source>
        <translation>为 %1 链接指标</translation>
    </message>
    <message>
        <source>Search plan text…</source>
        <translation>搜索规划文本…</translation>
    </message>
    <message>
        <source>Search targets…</source>
        <translation>搜索指标…</translation>
    </message>
    <message>
        <source>Type words from the passage or target, then pick it.</source>
        <translation>输入条文或指标中的词语，然后选择。</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>LayerStyleDialog</name>
    <message>
        <source>Style of %1</source>
        <translation>%1 的样式</translation>
    </message>
    <message>
        <source>(no labels)</source>
        <translation>（不显示标注）</translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation>线条颜色</translation>
    </message>
    <message>
        <source>Line width (px)</source>
        <translation>线宽（像素）</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <source>Label field</source>
        <translation>标注字段</translation>
    </message>
</context>
</TS>
