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
        <location filename="../../desktop/main_window.py" line="117"/>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="121"/>
        <source>Offline: land and sea (default)</source>
        <translation>离线：陆地与海洋（默认）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="122"/>
        <source>OpenStreetMap (online)</source>
        <translation>OpenStreetMap（在线）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="123"/>
        <source>Tianditu (online, needs your key)…</source>
        <translation>天地图（在线，需要密钥）…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="124"/>
        <source>AMap (online, GCJ-02)</source>
        <translation>高德地图（在线，GCJ-02）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="125"/>
        <source>Custom XYZ tile URL (online)…</source>
        <translation>自定义 XYZ 瓦片地址（在线）…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="126"/>
        <source>Local MBTiles file…</source>
        <translation>本地 MBTiles 文件…</translation>
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
        <location filename="../../desktop/main_window.py" line="221"/>
        <source>Your Tianditu browser key (from console.tianditu.gov.cn). Tiles will be downloaded from the internet.</source>
        <translation>您的天地图浏览器端密钥（在 console.tianditu.gov.cn 申请）。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="223"/>
        <source>Tianditu key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="228"/>
        <source>A tile URL with {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png. Tiles will be downloaded from the internet.</source>
        <translation>含 {z}、{x}、{y} 的瓦片地址，例如 https://host/{z}/{x}/{y}.png。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="230"/>
        <source>XYZ tile URL</source>
        <translation>XYZ 瓦片地址</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="235"/>
        <source>MBTiles file</source>
        <translation>MBTiles 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="236"/>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="242"/>
        <source>Basemap</source>
        <translation>底图</translation>
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
</context>
<context>
    <name>SheetsRun</name>
    <message>
        <location filename="../../desktop/export_dialog.py" line="500"/>
        <source>Rendering commitment sheets…</source>
        <translation>正在生成规划承诺单…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="500"/>
        <source>Cancel</source>
        <translation>取消</translation>
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
</TS>
