<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Shenzhen plan map</source>
        <translation type="obsolete">深圳规划地图</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="113"/>
        <source>Preparing the map data (first start; this takes a minute)…</source>
        <translation>正在准备地图数据（首次启动，约需一分钟）…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="76"/>
        <location filename="../../desktop/app.py" line="111"/>
        <source>Shenzhen plan map</source>
        <translation>深圳规划地图</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="69"/>
        <source>Something unexpected went wrong (%1). The program may go on working; if it does not, restart it.</source>
        <translation>程序出现了意外错误（%1）。程序可能仍可继续使用；如不能，请重新启动。</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="71"/>
        <source>What happened is written to the log file %1; please send it with a note of what you were doing.</source>
        <translation>错误经过已写入日志文件 %1；请把它连同您当时的操作说明一并发送给维护人员。</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="73"/>
        <source>The log file could not be written.</source>
        <translation>日志文件也无法写入。</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="120"/>
        <source>Could not build the map data:</source>
        <translation>无法生成地图数据：</translation>
    </message>
</context>
<context>
    <name>BasemapMenu</name>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="25"/>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="29"/>
        <source>Offline: land and sea (default)</source>
        <translation>离线：陆地与海洋（默认）</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="30"/>
        <source>OpenStreetMap (online)</source>
        <translation>OpenStreetMap（在线）</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="31"/>
        <source>Tianditu (online, needs your key)…</source>
        <translation>天地图（在线，需要密钥）…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="32"/>
        <source>AMap (online, GCJ-02)</source>
        <translation>高德地图（在线，GCJ-02）</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="33"/>
        <source>Custom XYZ tile URL (online)…</source>
        <translation>自定义 XYZ 瓦片地址（在线）…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="34"/>
        <source>Local MBTiles file…</source>
        <translation>本地 MBTiles 文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="54"/>
        <source>Your Tianditu browser key (from console.tianditu.gov.cn). Tiles will be downloaded from the internet.</source>
        <translation>您的天地图浏览器端密钥（在 console.tianditu.gov.cn 申请）。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="56"/>
        <source>Tianditu key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="61"/>
        <source>A tile URL with {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png. Tiles will be downloaded from the internet.</source>
        <translation>含 {z}、{x}、{y} 的瓦片地址，例如 https://host/{z}/{x}/{y}.png。瓦片将从互联网下载。</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="63"/>
        <source>XYZ tile URL</source>
        <translation>XYZ 瓦片地址</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="68"/>
        <source>MBTiles file</source>
        <translation>MBTiles 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="69"/>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_menu.py" line="75"/>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
</context>
<context>
    <name>ChoroplethPage</name>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="267"/>
        <source>Choose an indicator that at least two districts give a value for.</source>
        <translation>选择至少两个区给出数值的指标。</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="260"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="263"/>
        <source>Colour the districts by</source>
        <translation>按指标为各区着色</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="318"/>
        <location filename="../../desktop/indicator_pages.py" line="330"/>
        <source>Export map</source>
        <translation>导出专题图</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="261"/>
        <source>Export map…</source>
        <translation>导出专题图…</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="327"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="319"/>
        <source>PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)</source>
        <translation>PNG 图片 (*.png);;PDF (*.pdf);;SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="259"/>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="175"/>
        <source>A total: a district is part of the city, so their sizes are not compared.</source>
        <translation>总量指标：区是全市的一部分，不与全市比较大小。</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="155"/>
        <source>Common unit: %1 · %2</source>
        <translation>统一单位：%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="167"/>
        <source>Drawing the chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="112"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="176"/>
        <source>No district figure differs from the city&apos;s.</source>
        <translation>没有与全市不同的区级数值。</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="151"/>
        <source>No target measures %1.</source>
        <translation>没有指标数值对应“%1”。</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="156"/>
        <source>not in the catalogue</source>
        <translation>不在指标目录中</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../desktop/team_store.py" line="93"/>
        <source>Connect to a database</source>
        <translation>连接数据库</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="97"/>
        <source>The address of the team store (PostgreSQL with PostGIS):</source>
        <translation>团队库的地址（PostgreSQL + PostGIS）：</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="98"/>
        <source>For example %1. The password is not typed here: it comes from the PGPASSWORD environment variable or your ~/.pgpass file, and this program never saves it.</source>
        <translation>例如 %1。密码不在这里输入：它来自环境变量 PGPASSWORD 或您的 ~/.pgpass 文件，本程序从不保存密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="109"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="121"/>
        <source>A database address starts with postgresql://, e.g. %1</source>
        <translation>数据库地址以 postgresql:// 开头，例如 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="126"/>
        <source>The address names no database. Write it as %1</source>
        <translation>地址中没有数据库名。请写成 %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/export_dialog.py" line="60"/>
        <location filename="../../desktop/export_dialog.py" line="354"/>
        <location filename="../../desktop/export_dialog.py" line="425"/>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="86"/>
        <source>Current map</source>
        <translation>当前地图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="88"/>
        <source>Indicator map (%1)</source>
        <translation>指标分区图（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="96"/>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="97"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="100"/>
        <source>Current map view</source>
        <translation>当前地图视图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="102"/>
        <location filename="../../desktop/sheets_run.py" line="77"/>
        <source>Selected feature: %1</source>
        <translation>选中要素：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="103"/>
        <source>A layer</source>
        <translation>某一图层</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="104"/>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="111"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="112"/>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="113"/>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="114"/>
        <source>Overview map</source>
        <translation>鹰眼图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="118"/>
        <source>e.g. 粤S(2025)001号</source>
        <translation>例如 粤S(2025)001号</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="128"/>
        <location filename="../../desktop/export_dialog.py" line="249"/>
        <source>Layers: those switched on in the layer panel (%1)</source>
        <translation>图层：图层面板中已打开的图层（%1 个）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="131"/>
        <source>HTML (the interactive map) is not available for the indicator map; it is printed as PNG, PDF or SVG.</source>
        <translation>指标分区图不能导出为 HTML（交互地图），请选择 PNG、PDF 或 SVG。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="137"/>
        <source>Map content</source>
        <translation>地图内容</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="138"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="139"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="140"/>
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="141"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="142"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="143"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="147"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="148"/>
        <source>Map review no. (审图号)</source>
        <translation>审图号</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="149"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="150"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="167"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="168"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="244"/>
        <source>Layers: the districts coloured by %1, and the neighbouring cities</source>
        <translation>图层：按%1着色的各区，以及周边城市</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="283"/>
        <source>Rendering preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="309"/>
        <source>Preview (%1 × %2 px at %3 dpi when exported)</source>
        <translation>预览（导出为 %3 dpi 时 %1 × %2 像素）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="313"/>
        <source>Preview of the printed page; HTML exports an interactive offline map</source>
        <translation>打印版式预览；HTML 导出为可交互的离线地图</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="315"/>
        <source>Preview (vector %1)</source>
        <translation>预览（矢量 %1）</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="323"/>
        <source>Cannot preview this layout</source>
        <translation>无法预览此版式</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="368"/>
        <source>The file name must end in .png, .pdf, .svg or .html.</source>
        <translation>文件名须以 .png、.pdf、.svg 或 .html 结尾。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="371"/>
        <source>The indicator map is printed as PNG, PDF or SVG; choose a name ending in .png, .pdf or .svg.</source>
        <translation>指标分区图只能导出为 PNG、PDF 或 SVG，请选择以 .png、.pdf 或 .svg 结尾的文件名。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="375"/>
        <source>%1 exists already; choose another name.</source>
        <translation>%1 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="386"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="391"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="402"/>
        <source>Rendering the image…</source>
        <translation>正在生成图片…</translation>
    </message>
    <message>
        <location filename="../../desktop/export_dialog.py" line="408"/>
        <source>The image is on the clipboard</source>
        <translation>图片已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="80"/>
        <source>Every feature of the layer %1</source>
        <translation>图层“%1”的全部要素</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="83"/>
        <source>Export commitment sheets</source>
        <translation>导出规划承诺单</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="84"/>
        <source>Sheets for:</source>
        <translation>承诺单范围：</translation>
    </message>
</context>
<context>
    <name>FeaturePanel</name>
    <message>
        <location filename="../../desktop/feature_panel.py" line="79"/>
        <source>Several features are here: pick one</source>
        <translation>此处有多个要素，请选择一个</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="80"/>
        <location filename="../../desktop/feature_panel.py" line="247"/>
        <source>Features here:</source>
        <translation>此处要素：</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="246"/>
        <source>Members of “%1”:</source>
        <translation>“%1”的要素：</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="87"/>
        <location filename="../../desktop/feature_panel.py" line="396"/>
        <source>Click a feature on the map</source>
        <translation>在地图上点击一个要素</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="95"/>
        <source>Schematic: drawn from the plan text, not survey data</source>
        <translation>示意：按规划文本绘制，非测绘成果</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="121"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="122"/>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="127"/>
        <source>Area / length</source>
        <translation>面积 / 长度</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="128"/>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="136"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="132"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="133"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="134"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="vanished">单位</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="135"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="137"/>
        <source>Binding / expected</source>
        <translation>约束性/预期性</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="138"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="139"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="154"/>
        <source>Click a target to read it in the plan, its figure highlighted</source>
        <translation>点击指标，在规划原文中查看（数值已高亮）</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="159"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="165"/>
        <source>Passages</source>
        <translation>条文</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="170"/>
        <source>Who changed this feature&apos;s links, and when (newest first)</source>
        <translation>谁在何时修改了该要素的链接（最新的在前）</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="171"/>
        <location filename="../../desktop/feature_panel.py" line="404"/>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="253"/>
        <source>Positioning: %1</source>
        <translation>定位：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="257"/>
        <source>%1 on the map · %2</source>
        <translation>地图上：%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/feature_panel.py" line="265"/>
        <source>Targets (%n)</source>
        <translation>
            <numerusform>指标（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/feature_panel.py" line="266"/>
        <source>Passages (%n)</source>
        <translation>
            <numerusform>相关条文（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/feature_panel.py" line="274"/>
        <source>Change history (%n)</source>
        <translation>
            <numerusform>修改记录（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="276"/>
        <source>No one has changed this feature&apos;s links.</source>
        <translation>还没有人修改过该要素的链接。</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="373"/>
        <source>open in plan</source>
        <translation>在规划中打开</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="375"/>
        <source>defining passage</source>
        <translation>定义条文</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="387"/>
        <source>No passage names this feature.</source>
        <translation>没有条文提到这个要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="101"/>
        <source>Link passage…</source>
        <translation>链接条文…</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="102"/>
        <source>Link target…</source>
        <translation>链接指标…</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="103"/>
        <source>Replace schematic feature…</source>
        <translation>替代示意要素…</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="226"/>
        <source>This imported feature takes the place (and the links) of a schematic one, which is then hidden</source>
        <translation>本导入要素取代一个示意要素（并接收其链接），该示意要素随后隐藏</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="289"/>
        <source>linked passage %1</source>
        <translation>链接了条文 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="289"/>
        <source>linked target %1</source>
        <translation>链接了指标 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="291"/>
        <source>unlinked passage %1</source>
        <translation>取消了与条文 %1 的链接</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="291"/>
        <source>unlinked target %1</source>
        <translation>取消了与指标 %1 的链接</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="294"/>
        <source>replaces the schematic feature %1</source>
        <translation>替换示意要素 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="295"/>
        <source>replaced by the imported feature %1</source>
        <translation>被导入要素 %1 替换</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="296"/>
        <source>shown again, no longer replaced by %1</source>
        <translation>恢复显示，不再由 %1 替换</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="297"/>
        <source>no longer replaces %1</source>
        <translation>不再替换 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="374"/>
        <source>unlink</source>
        <translation>取消链接</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_panel.py" line="443"/>
        <source>Unlink</source>
        <translation>取消链接</translation>
    </message>
</context>
<context>
    <name>FeatureTileHandler</name>
    <message>
        <location filename="../../desktop/feature_tile_scheme.py" line="139"/>
        <source>The map asked for the layer %1, which the store does not have (removed or renamed). Reopen the window to draw the layers the store has now.</source>
        <translation>地图请求的图层 %1 不在数据存储中（已删除或改名）。请重新打开窗口，以绘制数据存储现有的图层。</translation>
    </message>
    <message>
        <location filename="../../desktop/feature_tile_scheme.py" line="143"/>
        <source>The store cannot be read, so parts of the map are missing (%1). Rebuild it, or open a copy that works.</source>
        <translation>无法读取数据存储，地图有部分内容缺失（%1）。请重建数据存储，或打开一份完好的副本。</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <location filename="../../desktop/import_dialog.py" line="67"/>
        <source>Import layer: %1</source>
        <translation>导入图层：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="81"/>
        <source>the source layer names</source>
        <translation>沿用源图层名称</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="82"/>
        <source>Layer name</source>
        <translation>图层名称</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="91"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="97"/>
        <source>Name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="101"/>
        <source>Coordinate system</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="105"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="123"/>
        <source>(none: numbered names)</source>
        <translation>（无：按序号命名）</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="134"/>
        <source>From the file: %1</source>
        <translation>来自文件：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="137"/>
        <source>Other EPSG code…</source>
        <translation>其他 EPSG 代码…</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="145"/>
        <source>The file does not say: choose…</source>
        <translation>文件未声明坐标系：请选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="163"/>
        <source>Choose the coordinate system the file&apos;s coordinates are in.</source>
        <translation>请选择文件坐标所用的坐标系。</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="165"/>
        <source>Tick at least one layer to import.</source>
        <translation>请至少勾选一个要导入的图层。</translation>
    </message>
</context>
<context>
    <name>ImportRun</name>
    <message>
        <location filename="../../desktop/import_dialog.py" line="240"/>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="241"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="246"/>
        <source>Import cancelled; the store is unchanged.</source>
        <translation>导入已取消，数据存储未改变。</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="256"/>
        <source>Imported %1 features into %2</source>
        <translation>已导入 %1 个要素到 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="258"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="269"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="181"/>
        <source>Read %1 features from %2 (%3); imported %4.</source>
        <translation>从 %2（%3）读取 %1 个要素，导入 %4 个。</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="184"/>
        <source>Layers: %1</source>
        <translation>图层：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="188"/>
        <source>Repaired geometries: %1</source>
        <translation>已修复几何：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="190"/>
        <source>Skipped without geometry: %1</source>
        <translation>无几何而跳过：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="193"/>
        <source>Heights (Z) dropped: %1</source>
        <translation>已去除高程 (Z)：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="195"/>
        <source>Mixed geometry types were split into one layer per type.</source>
        <translation>混合几何类型已按类型拆分为多个图层。</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="197"/>
        <source>Encoding: %1</source>
        <translation>编码：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="198"/>
        <source>Coordinate system: %1</source>
        <translation>坐标系：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="199"/>
        <source>Name field: %1</source>
        <translation>名称字段：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="200"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="201"/>
        <source>Links to plan passages made: %1</source>
        <translation>与规划条文建立的链接：%1</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="216"/>
        <source>%1 targets, %2 indicators</source>
        <translation>%1 条，%2 项指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="109"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="108"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="107"/>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="86"/>
        <source>All targets</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="110"/>
        <source>Catalogue indicators only</source>
        <translation>仅目录内指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="87"/>
        <location filename="../../desktop/indicators_dock.py" line="111"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="112"/>
        <source>Compare the selected indicator across plans</source>
        <translation>在各规划之间对比所选指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="267"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="266"/>
        <location filename="../../desktop/indicators_dock.py" line="273"/>
        <source>Export targets</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="113"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="105"/>
        <source>Filter: indicator, place, document…</source>
        <translation>筛选：指标、地点、文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="89"/>
        <source>Map</source>
        <translation>专题图</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="209"/>
        <source>Not in the indicator catalogue: grouped by its normalised name</source>
        <translation>不在指标目录中：按规范化名称分组</translation>
    </message>
    <message>
        <location filename="../../desktop/indicators_dock.py" line="88"/>
        <source>Place across plans</source>
        <translation>地点跨规划</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../desktop/jobs.py" line="132"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/jobs.py" line="135"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../desktop/layer_panel.py" line="90"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="90"/>
        <location filename="../../desktop/layer_panel.py" line="174"/>
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="167"/>
        <source>Contains schematic geometry drawn from the plan text, not survey data.</source>
        <translation>含按规划文本绘制的示意图形，非测绘成果。</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation type="vanished">缩放</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="180"/>
        <location filename="../../desktop/layer_panel.py" line="181"/>
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="119"/>
        <source>Style…</source>
        <translation>样式…</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="120"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="121"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_panel.py" line="122"/>
        <source>Export layer…</source>
        <translation>导出图层…</translation>
    </message>
</context>
<context>
    <name>LayerStyleDialog</name>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="42"/>
        <source>Style of %1</source>
        <translation>%1 的样式</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="54"/>
        <source>(no labels)</source>
        <translation>（不显示标注）</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="62"/>
        <source>Line colour</source>
        <translation>线条颜色</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="63"/>
        <source>Line width (px)</source>
        <translation>线宽（像素）</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="64"/>
        <source>Fill colour</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="65"/>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <location filename="../../desktop/layer_style_dialog.py" line="66"/>
        <source>Label field</source>
        <translation>标注字段</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <location filename="../../desktop/link_picker.py" line="20"/>
        <source>Link a passage to %1</source>
        <translation>为 %1 链接条文</translation>
    </message>
    <message>
        <location filename="../../desktop/link_picker.py" line="20"/>
        <source>Link a target to %1</source>
        <translation>为 %1 链接指标</translation>
    </message>
    <message>
        <location filename="../../desktop/link_picker.py" line="24"/>
        <source>Search plan text…</source>
        <translation>搜索规划文本…</translation>
    </message>
    <message>
        <location filename="../../desktop/link_picker.py" line="24"/>
        <source>Search targets…</source>
        <translation>搜索指标…</translation>
    </message>
    <message>
        <location filename="../../desktop/link_picker.py" line="27"/>
        <source>Type words from the passage or target, then pick it.</source>
        <translation>输入条文或指标中的词语，然后选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/link_picker.py" line="29"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="114"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="235"/>
        <source>Every target of every plan: compare, chart and map an indicator (Ctrl+I)</source>
        <translation>各规划的全部指标：对比、图表与专题图（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="239"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="462"/>
        <source>Shenzhen plan map</source>
        <translation>深圳规划地图</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="106"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="107"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="108"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="109"/>
        <source>Plan reader</source>
        <translation>规划阅读</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="194"/>
        <source>Rebuild map data…</source>
        <translation>重建数据存储…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="196"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="199"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="212"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="213"/>
        <source>Feature panel</source>
        <translation>要素面板</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="217"/>
        <source>Show or hide the feature panel and the plan reader (F4), so the map can take the window</source>
        <translation>显示或收起要素面板和规划阅读（F4），让地图占满窗口</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="225"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="181"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="202"/>
        <source>Connect to a database…</source>
        <translation>连接数据库…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="203"/>
        <source>Open a team store on a PostgreSQL server in this window</source>
        <translation>在本窗口中打开 PostgreSQL 服务器上的团队库</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="187"/>
        <source>Export map…</source>
        <translation>导出地图…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="190"/>
        <source>Export commitment sheets…</source>
        <translation>导出规划承诺单…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="205"/>
        <source>Open map data file…</source>
        <translation>打开地图数据文件…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="206"/>
        <source>Open a GeoPackage map data file in this window (e.g. this computer&apos;s own after a team store)</source>
        <translation>在本窗口中打开一个 GeoPackage 地图数据文件（例如用过团队库后回到本机的数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="228"/>
        <source>Clear search and selection</source>
        <translation>清除搜索和选择</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="251"/>
        <source>Scale %1</source>
        <translation>比例尺 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="306"/>
        <source>The new language shows after the program is restarted.</source>
        <translation>新的界面语言将在重新启动程序后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="311"/>
        <source>Rebuild map data</source>
        <translation>重建数据存储</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="318"/>
        <source>Make the map data again from the plans? The plans you added, your imported layers and links are kept; the current file is kept as a copy beside it.</source>
        <translation>要根据规划文本重新生成数据存储吗？您添加的规划、导入的图层和手动链接都会保留；当前文件会另存一份副本在旁边。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="326"/>
        <source>The map data was not rebuilt.</source>
        <translation>数据存储未能重建。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="331"/>
        <source>Rebuilding the map data from the plans…</source>
        <translation>正在根据规划文本重建数据存储…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="385"/>
        <source>Selected: %1 (F4 shows the feature panel)</source>
        <translation>已选择：%1（按 F4 显示要素面板）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="451"/>
        <source>Online basemap: downloading tiles from the internet</source>
        <translation>在线底图：正在从互联网下载瓦片</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="454"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="585"/>
        <source>The team store could not be read.</source>
        <translation>无法读取团队库。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="182"/>
        <source>Import layer…</source>
        <translation>导入图层…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="463"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="539"/>
        <source>Another change to the store is still running.</source>
        <translation>另一项对数据存储的修改仍在进行。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="542"/>
        <location filename="../../desktop/main_window.py" line="557"/>
        <source>The store could not be opened.</source>
        <translation>无法打开该地图数据。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="566"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="577"/>
        <source>Team store: connection lost</source>
        <translation>团队库：连接已中断</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="580"/>
        <source>The connection to the team store was lost; nothing was half-saved. Choose Retry once the server is back.</source>
        <translation>与团队库的连接已中断，没有任何修改只保存了一半。服务器恢复后请点“重试”。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="596"/>
        <source>The team store still cannot be reached.</source>
        <translation>仍然无法连接团队库。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="612"/>
        <source>Connected to the team store again.</source>
        <translation>已重新连接团队库。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="719"/>
        <source>Nothing to import: drop a GeoJSON, Shapefile, GeoPackage, KML/KMZ or CSV file.</source>
        <translation>没有可导入的文件：请拖入 GeoJSON、Shapefile、GeoPackage、KML/KMZ 或 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="723"/>
        <source>Importing %1; drop the other files one at a time.</source>
        <translation>正在导入 %1；其他文件请逐个拖入。</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="274"/>
        <source>Import layer</source>
        <translation>导入图层</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="45"/>
        <source>All importable files (*.geojson *.json *.shp *.gpkg *.kml *.kmz *.csv)</source>
        <translation>所有可导入文件 (*.geojson *.json *.shp *.gpkg *.kml *.kmz *.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="46"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="46"/>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="47"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="47"/>
        <source>KML / KMZ (*.kml *.kmz)</source>
        <translation>KML / KMZ (*.kml *.kmz)</translation>
    </message>
    <message>
        <location filename="../../desktop/import_dialog.py" line="48"/>
        <source>CSV with longitude/latitude (*.csv)</source>
        <translation>含经纬度列的 CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/messages.py" line="59"/>
        <source>Import cancelled; the store is unchanged.</source>
        <translation>导入已取消，数据存储未改变。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="60"/>
        <source>Some features lie far from Shenzhen while the others are near it: those coordinates are wrong, not the coordinate system. Fix or delete those features and import again.</source>
        <translation>部分要素远离深圳，而其他要素都在深圳附近：是这些要素的坐标有误，而不是坐标系选错。请修正或删除这些要素后重新导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="63"/>
        <source>The file&apos;s coordinates do not fall near Shenzhen in the chosen coordinate system, or the file does not say which one it uses. Choose the coordinate system the file was made in.</source>
        <translation>按所选坐标系，文件的坐标不在深圳附近，或者文件没有注明所用的坐标系。请选择制作该文件时使用的坐标系。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="66"/>
        <source>This coordinate system is not known. Choose one from the list, or enter an EPSG code.</source>
        <translation>无法识别这个坐标系。请从列表中选择，或输入 EPSG 代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="68"/>
        <source>The file is empty: there is nothing to import.</source>
        <translation>文件是空的，没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="70"/>
        <source>The file holds no features with a geometry: nothing was imported.</source>
        <translation>文件中没有带几何图形的要素，未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="72"/>
        <source>The file is not there any more. Check where it is and choose it again.</source>
        <translation>找不到这个文件。请确认文件位置后重新选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="74"/>
        <source>You may not read this file. Copy it somewhere you can read it and import the copy.</source>
        <translation>没有读取这个文件的权限。请把它复制到有权限的位置，再导入副本。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="76"/>
        <source>That is a folder. Choose a file inside it (for a shapefile, its .shp file).</source>
        <translation>这是一个文件夹。请选择其中的文件（Shapefile 请选择 .shp 文件）。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="78"/>
        <source>That is not an ordinary file. Save the data to a file and import that.</source>
        <translation>这不是普通文件。请先把数据保存为文件，再导入该文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="80"/>
        <source>This kind of file cannot be imported. Use GeoJSON, Shapefile, GeoPackage, KML/KMZ or a CSV with longitude and latitude.</source>
        <translation>不能导入这种文件。请使用 GeoJSON、Shapefile、GeoPackage、KML/KMZ 或带经纬度的 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="83"/>
        <source>The shapefile is incomplete: its .shx or .dbf file is missing. Copy all its files (same name, .shp, .shx, .dbf, .prj, .cpg) together.</source>
        <translation>Shapefile 不完整：缺少 .shx 或 .dbf 文件。请把同名的全部文件（.shp、.shx、.dbf、.prj、.cpg）一起复制过来。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="86"/>
        <source>The file&apos;s text is in an encoding this program cannot read (neither UTF-8 nor GB18030/GBK). Save it again as UTF-8.</source>
        <translation>无法识别文件的文字编码（既不是 UTF-8，也不是 GB18030/GBK）。请另存为 UTF-8 编码后再导入。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="89"/>
        <source>The CSV file has no longitude and latitude columns. Name them lon and lat (or 经度 and 纬度).</source>
        <translation>CSV 文件中没有经度、纬度列。请把列名改为 lon 和 lat（或“经度”和“纬度”）。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="92"/>
        <source>The file has no field of that name. Choose the name field from the list.</source>
        <translation>文件中没有这个字段。请从列表中选择名称字段。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="94"/>
        <source>The KMZ file is damaged or holds no KML map data. Export it again.</source>
        <translation>KMZ 文件已损坏，或其中没有 KML 地图数据。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="96"/>
        <source>The file is too large to import. Split it into smaller files, or keep only the features you need.</source>
        <translation>文件太大，无法导入。请拆分成较小的文件，或只保留需要的要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="99"/>
        <source>The shapefile is damaged (a part is cut short or is not a shapefile part). Export it again.</source>
        <translation>Shapefile 已损坏（某个组成文件不完整，或不是 Shapefile 文件）。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="102"/>
        <source>This file cannot be imported; the store is unchanged. The details say why.</source>
        <translation>无法导入这个文件，数据存储未改变。原因见详细信息。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="104"/>
        <source>The store no longer holds what this refers to (it may have been removed meanwhile).</source>
        <translation>数据存储中已没有所指的内容（可能刚被删除）。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="106"/>
        <source>This feature was changed by someone else since you opened it; nothing was saved. Reload it and make your change again.</source>
        <translation>该要素已被他人修改——请重新载入。您的修改没有保存，请在最新内容上再改一次。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="109"/>
        <source>Your database account may only read the team store; nothing was changed. Ask the office&apos;s database administrator for the editor role.</source>
        <translation>您的数据库账号只能读取团队库，没有做任何修改。需要编辑请向单位的数据库管理员申请编辑角色。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="112"/>
        <source>The connection to the team store was lost (the server restarted or the network is down). Nothing was half-saved. Try again once the server is back.</source>
        <translation>与团队库的连接已中断（服务器重启或网络断开）。没有任何修改只保存了一半。服务器恢复后请重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="115"/>
        <source>The server has no database of that name. Check the database name in the address.</source>
        <translation>服务器上没有这个名字的数据库。请检查地址中的数据库名。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="117"/>
        <source>The server has no account of that name. Check the user name in the address.</source>
        <translation>服务器上没有这个账号。请检查地址中的用户名。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="120"/>
        <source>The login was refused: the password is wrong or missing. Put this account&apos;s password in PGPASSWORD or ~/.pgpass, then try again.</source>
        <translation>登录被拒绝：密码错误或没有提供密码。请在 PGPASSWORD 或 ~/.pgpass 中设置该账号的密码，然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="122"/>
        <source>The team store&apos;s database server cannot be reached: it is not running, the address is wrong or the login was refused. Check the server and the address (the password comes from PGPASSWORD or ~/.pgpass), then try again.</source>
        <translation>无法连接团队库的数据库服务器：服务器未运行、地址有误或登录被拒绝。请检查服务器和地址（密码来自 PGPASSWORD 或 ~/.pgpass），然后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="126"/>
        <source>That database holds no plan map data yet. Copy a store into it first: plan-map copy PATH.gpkg URL.</source>
        <translation>该数据库中还没有规划地图数据。请先把地图数据复制进去：plan-map copy PATH.gpkg URL。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="129"/>
        <source>The disk is full. Free some space and try again; nothing was changed.</source>
        <translation>磁盘已满。请腾出空间后重试；数据未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="131"/>
        <source>Another program was changing the store at the same time; nothing was changed. Try again in a moment.</source>
        <translation>另一个程序正在同时修改数据存储；本次未作任何改动。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="134"/>
        <source>The store&apos;s folder cannot be written. Choose a folder you may write in.</source>
        <translation>无法写入数据存储所在的文件夹。请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="136"/>
        <source>The map data was written by a newer version of this program, which this version cannot read.</source>
        <translation>数据存储由本程序的更新版本写入，当前版本无法读取。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="139"/>
        <source>The map data was written by an older version of this program and must be rebuilt.</source>
        <translation>数据存储由本程序的旧版本写入，需要重建。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="142"/>
        <source>The map data file is damaged or is not this program&apos;s file.</source>
        <translation>数据存储文件已损坏，或不是本程序的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="143"/>
        <source>There is no map data file there.</source>
        <translation>该位置没有数据存储文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="144"/>
        <source>Built-in layers are rebuilt from the program&apos;s data; they cannot be renamed or removed.</source>
        <translation>内置图层由程序数据重建，不能重命名或删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="146"/>
        <source>That name is already used by another layer. Choose another name.</source>
        <translation>这个名称已被其他图层使用，请换一个名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="148"/>
        <source>That style cannot be used: a colour is written #rrggbb, a line width is 0.1 to 50 pixels and a fill opacity 0 to 1.</source>
        <translation>样式无效：颜色应写作 #rrggbb，线宽为 0.1 到 50 像素，填充不透明度为 0 到 1。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="151"/>
        <source>This plan is already in the store; nothing was changed.</source>
        <translation>这份规划已在数据存储中，未作任何改动。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="153"/>
        <source>Export the layer to a .gpkg, .geojson or .csv file.</source>
        <translation>请把图层导出为 .gpkg、.geojson 或 .csv 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="155"/>
        <source>Export the table to a .csv or .xlsx file.</source>
        <translation>请把指标表导出为 .csv 或 .xlsx 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="157"/>
        <source>This Python&apos;s SQLite cannot search Chinese text (no FTS5 trigram). Install the program with a newer Python.</source>
        <translation>当前 Python 自带的 SQLite 不支持中文全文检索（缺少 FTS5 trigram）。请使用更新的 Python 安装本程序。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="160"/>
        <source>Only an imported feature can replace a built-in (schematic) one.</source>
        <translation>只有导入的要素才能替换内置（示意）要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="162"/>
        <source>The map data could not be changed; it is as it was. The details say why.</source>
        <translation>数据存储未能修改，保持原样。原因见详细信息。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="164"/>
        <source>No Chinese font was found, so the map cannot be exported with its Chinese text. Install one (e.g. Noto Sans CJK) and try again.</source>
        <translation>找不到中文字体，无法导出带中文的地图。请安装中文字体（如 Noto Sans CJK）后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="167"/>
        <source>There is nothing to export: switch on at least one layer.</source>
        <translation>没有可导出的内容：请至少打开一个图层。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="169"/>
        <source>The title, legend and footer leave too little room for the map: use a larger paper.</source>
        <translation>标题、图例和页脚占用了太多版面，地图放不下：请使用更大的纸张。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="171"/>
        <source>That resolution (dpi) is out of range.</source>
        <translation>分辨率（dpi）超出允许范围。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="172"/>
        <source>The chosen feature or layer is not in the map data any more, so it has no extent.</source>
        <translation>所选要素或图层已不在数据存储中，无法确定范围。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="174"/>
        <source>This page layout cannot be drawn.</source>
        <translation>无法按此版式绘制地图。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="175"/>
        <source>A file of that name exists already: choose another name.</source>
        <translation>已有同名文件，请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="177"/>
        <source>The file name must end in .png, .pdf, .svg or .html.</source>
        <translation>文件名须以 .png、.pdf、.svg 或 .html 结尾。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="179"/>
        <source>There are no features to make commitment sheets for.</source>
        <translation>没有可生成规划承诺单的要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="181"/>
        <source>The file cannot be written there: choose another folder.</source>
        <translation>无法在该位置写入文件，请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="183"/>
        <source>The map could not be exported.</source>
        <translation>地图未能导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="184"/>
        <source>The plan text cannot be read.</source>
        <translation>无法读取这份规划文本。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="185"/>
        <source>A 天地图 key is 32 letters and digits; get one at console.tianditu.gov.cn.</source>
        <translation>天地图密钥由 32 位字母和数字组成，可在 console.tianditu.gov.cn 申请。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="187"/>
        <source>That is not an MBTiles file, or it is not there any more.</source>
        <translation>这不是 MBTiles 文件，或者文件已不存在。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="189"/>
        <source>A tile URL starts with https:// (or http://) and names a server.</source>
        <translation>瓦片地址须以 https://（或 http://）开头，并写明服务器。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="191"/>
        <source>A tile URL must contain {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png</source>
        <translation>瓦片地址须包含 {z}、{x} 和 {y}，例如 https://host/{z}/{x}/{y}.png</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="195"/>
        <source>The disk is full. Free some space and try again.</source>
        <translation>磁盘已满。请腾出空间后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="196"/>
        <location filename="../../desktop/messages.py" line="197"/>
        <source>You may not read or write there. Choose another file or folder.</source>
        <translation>没有在该位置读写的权限。请选择其他文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="198"/>
        <source>The file or folder is not there.</source>
        <translation>找不到该文件或文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="199"/>
        <source>That disk is read-only. Choose another folder.</source>
        <translation>该磁盘为只读。请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="227"/>
        <source>There was not enough memory for this. Close other programs and try again.</source>
        <translation>内存不足。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="232"/>
        <source>A file could not be read or written (%1).</source>
        <translation>读写文件时出错（%1）。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="234"/>
        <source>Something unexpected went wrong (%1). What happened is written to the log file %2.</source>
        <translation>发生了意外错误（%1）。错误经过已写入日志文件 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/messages.py" line="266"/>
        <source>Details (the program&apos;s own explanation):</source>
        <translation>详细信息（程序给出的原始说明）：</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="220"/>
        <source>%1 indicators in %2 documents; a cell lists value (year, kind)</source>
        <translation>%1 项指标，%2 份文件；单元格为 数值（年份、类型）</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="226"/>
        <source>%1 passages name it · %2 figures</source>
        <translation>%1 段提及 · %2 项数值</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="202"/>
        <source>District or key area</source>
        <translation>区或重点片区</translation>
    </message>
    <message>
        <location filename="../../desktop/indicator_pages.py" line="225"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
</context>
<context>
    <name>PlanReader</name>
    <message>
        <location filename="../../desktop/plan_reader.py" line="128"/>
        <source>Link to the selected feature</source>
        <translation>链接到所选要素</translation>
    </message>
    <message>
        <location filename="../../desktop/plan_reader.py" line="249"/>
        <source>“%1” may mean several places: pick one</source>
        <translation>“%1”可能指多个地点，请选择一个</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../desktop/search_box.py" line="31"/>
        <source>Search places and plan text…</source>
        <translation>搜索地名和规划文本…</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="91"/>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="92"/>
        <source>Passages</source>
        <translation>条文</translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="96"/>
        <source>Targets</source>
        <translation>指标</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/search_box.py" line="120"/>
        <source>More… (%n more)</source>
        <translation>
            <numerusform>更多…（还有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/search_box.py" line="72"/>
        <source>Link to the selected feature</source>
        <translation>链接到所选要素</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="49"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="54"/>
        <source>A new language shows after the program is restarted.</source>
        <translation>更改的界面语言将在重新启动程序后生效。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="58"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
</context>
<context>
    <name>SheetsRun</name>
    <message>
        <location filename="../../desktop/sheets_run.py" line="39"/>
        <source>Rendering commitment sheets…</source>
        <translation>正在生成规划承诺单…</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="39"/>
        <location filename="../../desktop/sheets_run.py" line="67"/>
        <source>Commitment sheets</source>
        <translation>规划承诺单</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="40"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop/sheets_run.py" line="58"/>
        <source>Rendering commitment sheets… %1 of %2</source>
        <translation>正在生成规划承诺单… 第 %1 份，共 %2 份</translation>
    </message>
</context>
<context>
    <name>StoreEdits</name>
    <message>
        <location filename="../../desktop/store_edits.py" line="56"/>
        <source>Another change to the store is still running.</source>
        <translation>另一项对数据存储的修改仍在进行。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="113"/>
        <source>someone else</source>
        <translation>他人</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="115"/>
        <source>This layer was changed by someone else since you opened it (%1, %2) — reload it.</source>
        <translation>该图层已被他人修改——请重新载入（%1，%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="117"/>
        <source>This feature was changed by someone else since you opened it (%1, %2) — reload it.</source>
        <translation>该要素已被他人修改——请重新载入（%1，%2）。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="119"/>
        <source>Your change was not saved and theirs is kept. The window now shows it as it is; make your change again if it is still needed.</source>
        <translation>您的修改没有保存，对方的修改保留。窗口已重新载入最新内容；如仍需要，请再改一次。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="145"/>
        <source>Layer style</source>
        <translation>图层样式</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="145"/>
        <source>Saving the style…</source>
        <translation>正在保存样式…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="152"/>
        <location filename="../../desktop/store_edits.py" line="158"/>
        <source>Rename layer</source>
        <translation>重命名图层</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="152"/>
        <source>New name for %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="158"/>
        <source>Renaming %1…</source>
        <translation>正在重命名 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="166"/>
        <location filename="../../desktop/store_edits.py" line="173"/>
        <source>Remove layer</source>
        <translation>移除图层</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="167"/>
        <source>Remove the imported layer %1 with its links and style? The file it came from is not touched.</source>
        <translation>移除导入图层 %1 及其链接和样式？原始文件不受影响。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="173"/>
        <source>Removing %1…</source>
        <translation>正在移除 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="177"/>
        <location filename="../../desktop/store_edits.py" line="185"/>
        <location filename="../../desktop/store_edits.py" line="192"/>
        <source>Export layer</source>
        <translation>导出图层</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="178"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="188"/>
        <source>Exported %1 features and %2 links to %3</source>
        <translation>已将 %1 个要素和 %2 条链接导出到 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="192"/>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="212"/>
        <source>Select a feature on the map first.</source>
        <translation>请先在地图上选择一个要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="218"/>
        <source>Links</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="218"/>
        <source>Saving the link…</source>
        <translation>正在保存链接…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="233"/>
        <location filename="../../desktop/store_edits.py" line="239"/>
        <location filename="../../desktop/store_edits.py" line="248"/>
        <source>Replace schematic feature</source>
        <translation>替代示意要素</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="234"/>
        <source>No schematic feature to replace.</source>
        <translation>没有可替代的示意要素。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="236"/>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="240"/>
        <source>The schematic feature this one replaces (it will be hidden and its links move here):</source>
        <translation>本要素替代的示意要素（该要素将被隐藏，其链接转到本要素）：</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="248"/>
        <source>Replacing…</source>
        <translation>正在替代…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_edits.py" line="74"/>
        <source>Cancelling… the store stays as it was.</source>
        <translation>正在取消…数据存储保持原样。</translation>
    </message>
</context>
<context>
    <name>StoreRecovery</name>
    <message>
        <location filename="../../desktop/store_recovery.py" line="121"/>
        <source>The map data was rebuilt. The previous file is kept at %1.</source>
        <translation>数据存储已重建。原来的文件保留在 %1。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="124"/>
        <source>What was added to the previous file (plans, imported layers, links) is not in the new one; it is still in the kept file.</source>
        <translation>原文件中您添加的内容（规划、导入的图层、链接）不在新的数据存储中，但仍保留在原文件里。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="131"/>
        <source>The map data file %1 was written by a newer version of this program, which this version cannot read.</source>
        <translation>数据存储文件 %1 由本程序的更新版本写入，当前版本无法读取。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="134"/>
        <source>The map data file %1 was written by an older version of this program and must be rebuilt.</source>
        <translation>数据存储文件 %1 由本程序的旧版本写入，需要重建。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="137"/>
        <source>The map data file %1 is damaged or is not this program&apos;s file.</source>
        <translation>数据存储文件 %1 已损坏，或不是本程序的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="142"/>
        <source>Shenzhen plan map</source>
        <translation>深圳规划地图</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="151"/>
        <source>Rebuild makes a new one from the plans, keeping the plans you added, your imported layers and links; the old file is kept as a copy beside it.</source>
        <translation>“重建”会根据规划文本生成新的数据存储，并保留您添加的规划、导入的图层和链接；旧文件会另存一份副本在旁边。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="155"/>
        <source>Rebuild moves this file aside (it is kept, not deleted) and makes a new one from the plans. Or open another map data file.</source>
        <translation>“重建”会把这个文件移到一旁（保留，不删除），再根据规划文本生成新的数据存储。也可以打开其他数据存储文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="159"/>
        <source>Rebuild</source>
        <translation>重建</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="160"/>
        <source>Choose another file</source>
        <translation>选择其他文件</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="161"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="170"/>
        <source>Open map data</source>
        <translation>打开数据存储</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="171"/>
        <source>Map data (*.gpkg);;All files (*)</source>
        <translation>数据存储 (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="178"/>
        <source>Rebuilding the map data from the plans…</source>
        <translation>正在根据规划文本重建数据存储…</translation>
    </message>
    <message>
        <location filename="../../desktop/store_recovery.py" line="184"/>
        <source>The map data could not be rebuilt.</source>
        <translation>数据存储未能重建。</translation>
    </message>
</context>
<context>
    <name>TeamStore</name>
    <message>
        <location filename="../../desktop/team_store.py" line="69"/>
        <source>Read-only account: your database account may view, search and export the team store but not change it. Ask the office&apos;s database administrator for the editor role to edit.</source>
        <translation>只读账号：您的数据库账号可以浏览、搜索和导出团队库，但不能修改。需要编辑请向单位的数据库管理员申请编辑角色。</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="73"/>
        <source>Read-only: the map data file or its folder cannot be written, so it cannot be edited. Copy it to a folder you may write to.</source>
        <translation>只读：地图数据文件或其所在文件夹不可写，因此不能编辑。请把它复制到您可以写入的文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="77"/>
        <source>Only the team store&apos;s owner may import, rename or remove layers and rebuild; your account may link, unlink, replace and style. Ask a member of the owner role to do it.</source>
        <translation>只有团队库的所有者可以导入、重命名或删除图层以及重建；您的账号可以链接、取消链接、替换和修改样式。请让所有者角色的成员来做。</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="85"/>
        <source>Team store %1</source>
        <translation>团队库 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="143"/>
        <location filename="../../desktop/team_store.py" line="172"/>
        <location filename="../../desktop/team_store.py" line="199"/>
        <source>Team store</source>
        <translation>团队库</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="148"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="149"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="173"/>
        <location filename="../../desktop/team_store.py" line="200"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/team_store.py" line="207"/>
        <source>The team store could not be opened.</source>
        <translation>无法打开团队库。</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Import layer</source>
        <translation type="obsolete">导入图层</translation>
    </message>
</context>
</TS>
