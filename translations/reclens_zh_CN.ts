<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorMessage</name>
    <message>
        <source>Category: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Line: %1</source>
        <translation>行：%1</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>列：%1</translation>
    </message>
</context>
<context>
    <name>reclens::CsvImportPanel</name>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Item title</source>
        <translation>商品标题</translation>
    </message>
    <message>
        <source>Item price</source>
        <translation>商品价格</translation>
    </message>
    <message>
        <source>Item category</source>
        <translation>商品类目</translation>
    </message>
    <message>
        <source>Item brand</source>
        <translation>商品品牌</translation>
    </message>
    <message>
        <source>Item id</source>
        <translation>商品 ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Defaults to the interactions file&apos;s name</source>
        <translation>默认使用交互文件的文件名</translation>
    </message>
    <message>
        <source>A name for the dataset, shown in the status bar and in reports</source>
        <translation>数据集名称，显示在状态栏和报告中</translation>
    </message>
    <message>
        <source>Dataset name:</source>
        <translation>数据集名称：</translation>
    </message>
    <message>
        <source>Detect (ISO 8601 or Unix seconds)</source>
        <translation>自动识别（ISO 8601 或 Unix 秒）</translation>
    </message>
    <message>
        <source>ISO 8601 (2023-04-01 13:05:00)</source>
        <translation>ISO 8601（2023-04-01 13:05:00）</translation>
    </message>
    <message>
        <source>Unix seconds</source>
        <translation>Unix 秒</translation>
    </message>
    <message>
        <source>No timestamps: row order is time</source>
        <translation>无时间戳：按行顺序作为时间</translation>
    </message>
    <message>
        <source>How the timestamp column is written</source>
        <translation>时间戳列的书写格式</translation>
    </message>
    <message>
        <source>Timestamps:</source>
        <translation>时间戳：</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>Items (optional)</source>
        <translation>商品（可选）</translation>
    </message>
    <message>
        <source>Users (optional)</source>
        <translation>用户（可选）</translation>
    </message>
    <message>
        <source>A catalog file adds titles, prices, categories and items nobody interacted with</source>
        <translation>商品目录文件可补充标题、价格、类目，以及无人交互过的商品</translation>
    </message>
    <message>
        <source>A users file adds user attributes such as age band or region; every other column becomes an attribute</source>
        <translation>用户文件可补充年龄段、地区等用户属性；除 ID 外的每一列都会成为一个属性</translation>
    </message>
    <message>
        <source>Choose the interactions file.</source>
        <translation>请选择交互文件。</translation>
    </message>
    <message>
        <source>Choose the user column of the interactions file.</source>
        <translation>请选择交互文件中的用户列。</translation>
    </message>
    <message>
        <source>Choose the item column of the interactions file.</source>
        <translation>请选择交互文件中的商品列。</translation>
    </message>
    <message>
        <source>Choose the timestamp column, or choose &quot;No timestamps&quot;.</source>
        <translation>请选择时间戳列，或选择“无时间戳”。</translation>
    </message>
    <message>
        <source>Choose the id column of the items file.</source>
        <translation>请选择商品文件中的 ID 列。</translation>
    </message>
    <message>
        <source>Choose the id column of the users file.</source>
        <translation>请选择用户文件中的 ID 列。</translation>
    </message>
</context>
<context>
    <name>reclens::CsvSourceForm</name>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Choose a .csv or .tsv file</source>
        <translation>选择 .csv 或 .tsv 文件</translation>
    </message>
    <message>
        <source>The file to import; its header row names the columns</source>
        <translation>要导入的文件；其表头行给出各列名称</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号（,）</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号（;）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>竖线（|）</translation>
    </message>
    <message>
        <source>The character that separates the fields of a row</source>
        <translation>分隔一行中各字段的字符</translation>
    </message>
    <message>
        <source>Required: the column holding this value</source>
        <translation>必填：包含此值的列</translation>
    </message>
    <message>
        <source>Optional: the column holding this value, or (none)</source>
        <translation>可选：包含此值的列，或选（无）</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>The first rows of the file, as they will be read</source>
        <translation>文件的前几行，即导入时读取的内容</translation>
    </message>
    <message>
        <source>Choose a CSV File</source>
        <translation>选择 CSV 文件</translation>
    </message>
    <message>
        <source>Delimited text (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>分隔文本 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 columns; showing the first %2 rows</source>
        <translation>共 %1 列；显示前 %2 行</translation>
    </message>
</context>
<context>
    <name>reclens::ImportDialog</name>
    <message>
        <source>New Project from CSV</source>
        <translation>从 CSV 新建项目</translation>
    </message>
    <message>
        <source>Known dataset</source>
        <translation>已知数据集</translation>
    </message>
    <message>
        <source>CSV files</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>UCI Online Retail, The Complete Journey or Amazon Beauty, read with a ready-made mapping</source>
        <translation>UCI Online Retail、The Complete Journey 或 Amazon Beauty，使用现成的列映射读取</translation>
    </message>
    <message>
        <source>Any interactions CSV: choose which column holds what</source>
        <translation>任意交互 CSV：自行指定每列的含义</translation>
    </message>
    <message>
        <source>Project file:</source>
        <translation>项目文件：</translation>
    </message>
    <message>
        <source>Where to save the new project (.reclens)</source>
        <translation>新项目的保存位置（.reclens）</translation>
    </message>
    <message>
        <source>The project file to create; an existing project&apos;s data is replaced</source>
        <translation>要创建的项目文件；若项目已存在，其数据将被替换</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose where to save the project</source>
        <translation>选择项目的保存位置</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Read the files and write the project</source>
        <translation>读取文件并写入项目</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>RecLens projects (*.reclens)</source>
        <translation>RecLens 项目 (*.reclens)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Choose the project file to create.</source>
        <translation>请选择要创建的项目文件。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>The import was cancelled; the project file was not changed.</source>
        <translation>导入已取消；项目文件未被修改。</translation>
    </message>
    <message>
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>reclens::ImportReportDialog</name>
    <message>
        <source>Import Report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>&lt;p&gt;Imported into &lt;b&gt;%1&lt;/b&gt; in %2 s.&lt;/p&gt;&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;Rows read:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Interactions written:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Users:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Items:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Rows skipped (errors):&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Rows filtered out:&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;p&gt;已导入到 &lt;b&gt;%1&lt;/b&gt;，用时 %2 秒。&lt;/p&gt;&lt;table cellspacing=&apos;4&apos;&gt;&lt;tr&gt;&lt;td&gt;读取行数：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;写入交互数：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;用户数：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;商品数：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;跳过的行（错误）：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;过滤掉的行：&lt;/td&gt;&lt;td align=&apos;right&apos;&gt;%8&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>First lines</source>
        <translation>前几处行号</translation>
    </message>
    <message>
        <source>Rows that were not imported, grouped by reason; line 1 is the header</source>
        <translation>未导入的行，按原因分组；第 1 行为表头</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>已过滤</translation>
    </message>
</context>
<context>
    <name>reclens::ItemTableModel</name>
    <message>
        <source>Head</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>中部</translation>
    </message>
    <message>
        <source>Tail</source>
        <translation>尾部</translation>
    </message>
    <message>
        <source>Popularity tier. Head: the most popular items that together hold 80% of all interactions (the short head). Mid: the next items, up to 95% of all interactions. Tail: all other items, including items nobody interacted with. Mid and tail together are the long tail.</source>
        <translation>流行度分层。头部：最热门、合计占全部交互 80% 的商品（短头部）。中部：其后的商品，累计至全部交互的 95%。尾部：其余所有商品，包括无人交互的商品。中部与尾部合起来即长尾。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <source>The item&apos;s id in the source data</source>
        <translation>商品在源数据中的 ID</translation>
    </message>
    <message>
        <source>The item&apos;s title in the catalog</source>
        <translation>商品在目录中的标题</translation>
    </message>
    <message>
        <source>Item attribute &quot;%1&quot; as imported</source>
        <translation>导入的商品属性“%1”</translation>
    </message>
    <message>
        <source>Unit price as imported; empty when unknown</source>
        <translation>导入的单价；未知时为空</translation>
    </message>
    <message>
        <source>Number of interactions with the item (its popularity)</source>
        <translation>该商品的交互次数（即其流行度）</translation>
    </message>
    <message>
        <source>When the item appeared: the catalog&apos;s date, or its first interaction when the catalog has none (UTC)</source>
        <translation>商品出现的时间：取目录中的日期，目录中没有时取其首次交互时间（UTC）</translation>
    </message>
</context>
<context>
    <name>reclens::ItemsPage</name>
    <message>
        <source>Filter items by id or title…</source>
        <translation>按 ID 或标题筛选商品…</translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation>全部分层</translation>
    </message>
    <message>
        <source>%1 (%2 items)</source>
        <translation>%1（%2 个商品）</translation>
    </message>
    <message>
        <source>Showing %1 of %2 items</source>
        <translation>显示 %1 / %2 个商品</translation>
    </message>
</context>
<context>
    <name>reclens::JobProgressBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this operation; nothing is changed on disk</source>
        <translation>停止此操作；磁盘上的内容不会改变</translation>
    </message>
    <message>
        <source>%1: cancelling…</source>
        <translation>%1：正在取消…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>reclens::MainWindow</name>
    <message>
        <source>RecLens</source>
        <translation>RecLens</translation>
    </message>
    <message>
        <source>Pages (Ctrl+1 to Ctrl+9)</source>
        <translation>页面（Ctrl+1 至 Ctrl+9）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Recent projects, import and the demo</source>
        <translation>最近的项目、导入和演示</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Browse and filter the users</source>
        <translation>浏览和筛选用户</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Browse the catalog and its popularity tiers</source>
        <translation>浏览商品目录及其流行度分层</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>Where scores are computed; choose with --device auto|cpu|cuda[:N]</source>
        <translation>计算评分所用的设备；可用 --device auto|cpu|cuda[:N] 选择</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Project from CSV…</source>
        <translation>从 CSV 新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Import CSV files into a new project</source>
        <translation>将 CSV 文件导入为新项目</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .reclens project file</source>
        <translation>打开 .reclens 项目文件</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <source>Open the bundled synthetic shop</source>
        <translation>打开内置的合成商店数据</translation>
    </message>
    <message>
        <source>&amp;Recent Projects</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Filter Rows</source>
        <translation>筛选行(&amp;F)</translation>
    </message>
    <message>
        <source>Move the cursor into the current page&apos;s filter box</source>
        <translation>将光标移到当前页面的筛选框</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About RecLens</source>
        <translation>关于 RecLens(&amp;A)</translation>
    </message>
    <message>
        <source>About RecLens</source>
        <translation>关于 RecLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RecLens %1&lt;/h3&gt;&lt;p&gt;Explains and audits recommendation models.&lt;/p&gt;&lt;p&gt;Compute device: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RecLens %1&lt;/h3&gt;&lt;p&gt;解释并审计推荐模型。&lt;/p&gt;&lt;p&gt;计算设备：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Please wait for the current operation</source>
        <translation>请等待当前操作完成</translation>
    </message>
    <message>
        <source>Generating the demo project (first run only)…</source>
        <translation>正在生成演示项目（仅首次运行）…</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>RecLens projects (*.reclens);;All files (*)</source>
        <translation>RecLens 项目 (*.reclens);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>%1 users · %2 items · %3 interactions</source>
        <translation>%1 个用户 · %2 个商品 · %3 次交互</translation>
    </message>
    <message>
        <source>%1 — RecLens</source>
        <translation>%1 — RecLens</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>A model&apos;s top-K for one user, with live re-ranking</source>
        <translation>模型为单个用户给出的前 K 项，可实时重排</translation>
    </message>
</context>
<context>
    <name>reclens::PresetImportPanel</name>
    <message>
        <source>A public dataset whose layout RecLens knows</source>
        <translation>RecLens 已知其结构的公开数据集</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>The folder that holds the dataset&apos;s files</source>
        <translation>存放数据集文件的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Choose the Dataset Folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;i&gt;Expected files:&lt;/i&gt; %2</source>
        <translation>%1&lt;br&gt;&lt;i&gt;需要的文件：&lt;/i&gt;%2</translation>
    </message>
    <message>
        <source>Choose the dataset folder.</source>
        <translation>请选择数据集文件夹。</translation>
    </message>
</context>
<context>
    <name>reclens::ProjectController</name>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Generating the demo project</source>
        <translation>正在生成演示项目</translation>
    </message>
    <message>
        <source>Could not create the demo project</source>
        <translation>无法创建演示项目</translation>
    </message>
</context>
<context>
    <name>reclens::ReRankControls</name>
    <message>
        <source>Popularity penalty λ: pushes very popular items down the list (0 = off)</source>
        <translation>热度惩罚 λ：把非常热门的商品往后排（0 = 关闭）</translation>
    </message>
    <message>
        <source>Diversity λ (MMR): prefers items unlike those already listed (0 = off)</source>
        <translation>多样性 λ（MMR）：优先选择与已列商品不同的商品（0 = 关闭）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>At most this many items of one category in the list (0 = no cap)</source>
        <translation>列表中同一类目最多的商品数（0 = 不限）</translation>
    </message>
    <message>
        <source>Popularity penalty:</source>
        <translation>热度惩罚：</translation>
    </message>
    <message>
        <source>Diversity:</source>
        <translation>多样性：</translation>
    </message>
    <message>
        <source>Per-category cap:</source>
        <translation>每类目上限：</translation>
    </message>
</context>
<context>
    <name>reclens::RecommendationModel</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Popularity</source>
        <translation>热度</translation>
    </message>
</context>
<context>
    <name>reclens::RecommendationsPage</name>
    <message>
        <source>&amp;Train a Model…</source>
        <translation>训练模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Train a built-in model on this project, save it beside the project and register it</source>
        <translation>在此项目上训练内置模型，保存在项目旁并登记到项目中</translation>
    </message>
    <message>
        <source>Models registered with the project, newest first</source>
        <translation>项目中登记的模型，最新的在前</translation>
    </message>
    <message>
        <source>User id…</source>
        <translation>用户 ID…</translation>
    </message>
    <message>
        <source>Type a user id (suggestions match anywhere in the id) and press Enter</source>
        <translation>输入用户 ID（建议项匹配 ID 中任意位置）后按回车</translation>
    </message>
    <message>
        <source>Length of the list</source>
        <translation>列表长度</translation>
    </message>
    <message>
        <source>Train…</source>
        <translation>训练…</translation>
    </message>
    <message>
        <source>Train another model for this project</source>
        <translation>为此项目再训练一个模型</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;K:</source>
        <translation>&amp;K：</translation>
    </message>
    <message>
        <source>Items the user interacted with, newest first</source>
        <translation>该用户交互过的商品，最新的在前</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Could not list the project&apos;s models: %1</source>
        <translation>无法列出项目的模型：%1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This project has no trained model yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Train one to see what it recommends to each user.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;此项目还没有训练好的模型。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;训练一个模型，即可查看它为每个用户推荐什么。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a project to see recommendations.</source>
        <translation>打开项目以查看推荐。</translation>
    </message>
    <message>
        <source>Loading model %1…</source>
        <translation>正在加载模型 %1…</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>加载模型 %1</translation>
    </message>
    <message>
        <source>Could not load the model file %1: %2</source>
        <translation>无法加载模型文件 %1：%2</translation>
    </message>
    <message>
        <source>Please wait for the current operation</source>
        <translation>请等待当前操作完成</translation>
    </message>
    <message>
        <source>There is no user with the id “%1”.</source>
        <translation>没有 ID 为“%1”的用户。</translation>
    </message>
    <message>
        <source>Could not recommend for user %1: %2</source>
        <translation>无法为用户 %1 生成推荐：%2</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>History of %1: newest %2 of %3 items</source>
        <translation>%1 的历史：共 %3 个商品，显示最新的 %2 个</translation>
    </message>
    <message>
        <source>History of %1: %2 items, newest first</source>
        <translation>%1 的历史：%2 个商品，最新的在前</translation>
    </message>
    <message>
        <source>%1 · computed in %2 ms on %3</source>
        <translation>%1 · 在 %3 上用时 %2 毫秒</translation>
    </message>
    <message>
        <source>Training %1</source>
        <translation>正在训练 %1</translation>
    </message>
    <message>
        <source>Training was cancelled.</source>
        <translation>训练已取消。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>%1 on %2…</source>
        <translation>%1（%2）…</translation>
    </message>
</context>
<context>
    <name>reclens::StartPage</name>
    <message>
        <source>&lt;h1&gt;RecLens&lt;/h1&gt;&lt;p&gt;Explain and audit recommendation models: open a project to browse its users and catalog.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;RecLens&lt;/h1&gt;&lt;p&gt;解释并审计推荐模型：打开一个项目即可浏览其用户和商品目录。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Start&lt;/b&gt;</source>
        <translation>&lt;b&gt;开始&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New project from CSV…</source>
        <translation>从 CSV 新建项目…</translation>
    </message>
    <message>
        <source>Import interactions (and optionally items and users) from CSV files (Ctrl+N)</source>
        <translation>从 CSV 文件导入交互数据（以及可选的商品和用户数据）（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open demo project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <source>Open the bundled synthetic shop; it is generated on first use</source>
        <translation>打开内置的合成商店数据；首次使用时自动生成</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Open a .reclens project file (Ctrl+O)</source>
        <translation>打开 .reclens 项目文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent projects&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的项目&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open a recent project</source>
        <translation>双击或按回车键打开最近的项目</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>%1 no longer exists</source>
        <translation>%1 已不存在</translation>
    </message>
    <message>
        <source>No recent projects yet</source>
        <translation>暂无最近的项目</translation>
    </message>
</context>
<context>
    <name>reclens::TablePage</name>
    <message>
        <source>Type to keep only matching rows (Ctrl+F)</source>
        <translation>输入文字以只保留匹配的行（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>reclens::TrainDialog</name>
    <message>
        <source>Train a Model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>popularity: most popular items for everyone; bpr: matrix factorisation; lightgcn: graph convolution over the interactions; twotower: user and item towers with attributes</source>
        <translation>popularity：对所有人推荐最热门的商品；bpr：矩阵分解；lightgcn：在交互图上做图卷积；twotower：带属性的用户塔与商品塔</translation>
    </message>
    <message>
        <source>Embedding size of users and items</source>
        <translation>用户和商品的嵌入维度</translation>
    </message>
    <message>
        <source>Upper bound; training stops early when validation NDCG stops improving</source>
        <translation>上限；验证集 NDCG 不再提升时会提前停止</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Embedding size:</source>
        <translation>嵌入维度(&amp;E)：</translation>
    </message>
    <message>
        <source>Most &amp;epochs:</source>
        <translation>最多轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>The model is trained on the older interactions, checked on the newer ones, saved beside the project and registered with it.</source>
        <translation>模型用较早的交互训练、用较新的交互检验，保存在项目旁并登记到项目中。</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
</context>
<context>
    <name>reclens::UserTableModel</name>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>First activity</source>
        <translation>首次活动</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>The user&apos;s id in the source data</source>
        <translation>用户在源数据中的 ID</translation>
    </message>
    <message>
        <source>User attribute &quot;%1&quot; as imported</source>
        <translation>导入的用户属性“%1”</translation>
    </message>
    <message>
        <source>Number of interactions of the user</source>
        <translation>该用户的交互次数</translation>
    </message>
    <message>
        <source>Time of the user&apos;s first interaction (UTC)</source>
        <translation>该用户首次交互的时间（UTC）</translation>
    </message>
    <message>
        <source>Time of the user&apos;s last interaction (UTC)</source>
        <translation>该用户最近一次交互的时间（UTC）</translation>
    </message>
</context>
<context>
    <name>reclens::UsersPage</name>
    <message>
        <source>Filter users by id…</source>
        <translation>按 ID 筛选用户…</translation>
    </message>
    <message>
        <source>Show only users with this %1</source>
        <translation>只显示具有此 %1 的用户</translation>
    </message>
    <message>
        <source>Any %1</source>
        <translation>全部 %1</translation>
    </message>
    <message>
        <source>Showing %1 of %2 users</source>
        <translation>显示 %1 / %2 个用户</translation>
    </message>
    <message>
        <source>Show &amp;Recommendations</source>
        <translation>显示推荐(&amp;R)</translation>
    </message>
    <message>
        <source>Show what the model recommends to this user</source>
        <translation>显示模型为此用户推荐的商品</translation>
    </message>
</context>
</TS>
