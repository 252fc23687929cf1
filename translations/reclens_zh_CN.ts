<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditReportWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>RecLens audit report: %1</source>
        <translation>RecLens 审计报告：%1</translation>
    </message>
    <message>
        <source>the PDF could not be created</source>
        <translation>无法创建 PDF 文件</translation>
    </message>
</context>
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
    <name>ExplanationDetail</name>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Gradient × Input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>Shapley (sampled)</source>
        <translation>Shapley 值（采样）</translation>
    </message>
    <message>
        <source>missing-field baseline</source>
        <translation>缺失字段基线</translation>
    </message>
    <message>
        <source>zero baseline</source>
        <translation>零基线</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n steps (%2 rule), %3</source>
        <translation>
            <numerusform>%1，%n 步（%2法则），%3</numerusform>
        </translation>
    </message>
    <message>
        <source>trapezoid</source>
        <translation>梯形</translation>
    </message>
    <message>
        <source>midpoint</source>
        <translation>中点</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n permutations (seed %2), %3</source>
        <translation>
            <numerusform>%1，%n 次排列（种子 %2），%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Completeness: not defined for occlusion (its attributions need not add up to the score)</source>
        <translation>完备性：不适用于遮挡法（其归因之和不必等于得分）</translation>
    </message>
    <message>
        <source>Completeness: not available</source>
        <translation>完备性：不可用</translation>
    </message>
    <message>
        <source>Completeness: max |Δ| %1</source>
        <translation>完备性：最大 |Δ| %1</translation>
    </message>
    <message>
        <source>Completeness: max |Δ| %1 (%2 % of |f(x) − f(x′)|)</source>
        <translation>完备性：最大 |Δ| %1（占 |f(x) − f(x′)| 的 %2%）</translation>
    </message>
    <message>
        <source> (%1 % of f(x) − f(x′))</source>
        <translation> (占 f(x) − f(x′) 的 %1%)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Standard error</source>
        <translation>标准误</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Output f(x)</source>
        <translation>输出 f(x)</translation>
    </message>
    <message>
        <source>Baseline f(x′)</source>
        <translation>基线 f(x′)</translation>
    </message>
    <message>
        <source>%1 (%2 % of |f(x) − f(x′)|)</source>
        <translation>%1（占 |f(x) − f(x′)| 的 %2%）</translation>
    </message>
    <message>
        <source>Completeness Δ</source>
        <translation>完备性偏差 Δ</translation>
    </message>
    <message>
        <source>not defined for this method</source>
        <translation>不适用于此方法</translation>
    </message>
    <message>
        <source>%1 of %2 paths shown</source>
        <translation>显示 %2 条路径中的 %1 条</translation>
    </message>
    <message>
        <source>Score %1 = paths %2 (paths − score %3) · exact: the LightGCN score split over graph paths, checked against the model&apos;s own score · %4</source>
        <translation>得分 %1 = 路径 %2（路径 − 得分 %3）· 精确：LightGCN 得分按图路径拆分，并已与模型自身的得分核对 · %4</translation>
    </message>
    <message>
        <source>Score %1 = history %2 + item parts %3 + user fields %4 + baseline f(x′) %5 + IG quadrature error %6 · %7</source>
        <translation>得分 %1 = 历史 %2 + 商品部分 %3 + 用户字段 %4 + 基线 f(x′) %5 + IG 求积误差 %6 · %7</translation>
    </message>
    <message>
        <source>An allocation, not a decomposition: each history item carries its Integrated Gradients attribution, divided among the users who have both it and this item by co-occurrence; the score itself does not depend on those users.</source>
        <translation>这是一种分配，而非分解：每个历史商品承载其积分梯度归因，并按共现在同时拥有该商品与此商品的用户之间分摊；得分本身并不依赖这些用户。</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>零</translation>
    </message>
    <message>
        <source>Missing fields</source>
        <translation>缺失字段</translation>
    </message>
    <message>
        <source>Average user</source>
        <translation>平均用户</translation>
    </message>
    <message>
        <source>average-user baseline (%1 users)</source>
        <translation>平均用户基线（%1 个用户）</translation>
    </message>
    <message>
        <source>average-user baseline</source>
        <translation>平均用户基线</translation>
    </message>
    <message>
        <source>Common part</source>
        <translation>共同部分</translation>
    </message>
    <message>
        <source>Personal part</source>
        <translation>个人部分</translation>
    </message>
    <message>
        <source>&lt;b&gt;These scores are dominated by a direction shared by all users&lt;/b&gt; (mostly popularity): %1 % of them is what every user gets for these items, whoever they are.</source>
        <translation>&lt;b&gt;这些得分主要来自所有用户共有的一个方向&lt;/b&gt;（多半是热度）：其中 %1 % 是任何用户都会得到的部分，与用户是谁无关。</translation>
    </message>
    <message>
        <source>The items are explained alike (mean cosine %1).</source>
        <translation>各商品的解释几乎相同（平均余弦 %1）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;These explanations tell one story:&lt;/b&gt; every item is explained by the same fields in nearly the same proportions (mean cosine %1 between items).</source>
        <translation>&lt;b&gt;这些解释说的是同一件事：&lt;/b&gt;每个商品都由相同的字段、以几乎相同的比例来解释（商品之间的平均余弦 %1）。</translation>
    </message>
    <message>
        <source>Every item leads with the same history item.</source>
        <translation>每个商品的首要原因都是同一个历史商品。</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;personal&quot;&gt;Order the recommendations by their personal part&lt;/a&gt;.</source>
        <translation>&lt;a href=&quot;personal&quot;&gt;按个人部分排列推荐&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;average&quot;&gt;Explain against the average user&lt;/a&gt; to see what is this user&apos;s own.</source>
        <translation>&lt;a href=&quot;average&quot;&gt;以平均用户为基线解释&lt;/a&gt;，看看哪些是该用户自己的。</translation>
    </message>
    <message>
        <source>Even against the average user the items are explained alike: the model&apos;s item vectors share one direction, so the collapse is in the model, not in the baseline.</source>
        <translation>即使以平均用户为基线，各商品的解释仍然相同：模型的商品向量共有一个方向，所以趋同源于模型，而不是基线。</translation>
    </message>
    <message>
        <source>Against the average user the attributions explain only this user&apos;s own part, which differs from item to item.</source>
        <translation>以平均用户为基线时，归因只解释该用户自己的部分，而这部分因商品而异。</translation>
    </message>
    <message>
        <source>Sample of users</source>
        <translation>用户样本</translation>
    </message>
    <message>
        <source>averaged over %1 sampled users</source>
        <translation>在 %1 个抽样用户上取平均</translation>
    </message>
    <message>
        <source>sampled-users baseline</source>
        <translation>抽样用户基线</translation>
    </message>
    <message>
        <source>Spread over the sampled users (standard error)</source>
        <translation>在抽样用户间的离散程度（标准误）</translation>
    </message>
    <message>
        <source>Compared with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>Score difference f(x)</source>
        <translation>得分差 f(x)</translation>
    </message>
    <message>
        <source>Difference at the baseline f(x′)</source>
        <translation>基线处的得分差 f(x′)</translation>
    </message>
    <message>
        <source>&lt;b&gt;These explanations tell one story:&lt;/b&gt; every item leads with the same history item.</source>
        <translation>&lt;b&gt;这些解释说的是同一件事：&lt;/b&gt;每个商品都以同一个历史商品为首。</translation>
    </message>
    <message>
        <source>&lt;i&gt;So the rows below are compared with each other (Compare with: Automatic): each names what lifts it above the rest of the list; this notice describes their whole scores.&lt;/i&gt;</source>
        <translation>&lt;i&gt;因此下面各行相互比较（比较对象：自动）：每行指出使它高于列表其余部分的因素；本提示描述的是它们的完整得分。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;The rows below are explained against %1, so each names what sets it apart; this notice describes their whole scores.&lt;/i&gt;</source>
        <translation>&lt;i&gt;下面各行是相对于%1来解释的，因此每行给出的是它与众不同之处；本提示描述的是它们的完整得分。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>the other rows</source>
        <translation>其他行</translation>
    </message>
    <message>
        <source>one item</source>
        <translation>一个商品</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;others&quot;&gt;Compare the rows with each other&lt;/a&gt; to see what sets each apart.</source>
        <translation>&lt;a href=&quot;others&quot;&gt;将各行相互比较&lt;/a&gt;，看看每一行与众不同之处。</translation>
    </message>
</context>
<context>
    <name>ExposurePlot</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Popularity tier</source>
        <translation>热度层级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message numerus="yes">
        <source>%n other(s)</source>
        <translation>
            <numerusform>其他 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Share of catalog</source>
        <translation>商品目录占比</translation>
    </message>
    <message>
        <source>Share of train interactions</source>
        <translation>训练交互占比</translation>
    </message>
    <message>
        <source>Share of exposure</source>
        <translation>曝光占比</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>占比（%）</translation>
    </message>
</context>
<context>
    <name>GroupMeansPlot</name>
    <message>
        <source>%1
%2 users</source>
        <translation>%1
%2 个用户</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>95% bootstrap interval</source>
        <translation>95% 自助法置信区间</translation>
    </message>
    <message>
        <source>All users %1</source>
        <translation>全部用户 %1</translation>
    </message>
    <message>
        <source>%1 by %2 (gap %3, p = %4)</source>
        <translation>按 %2 分组的 %1（差距 %3，p = %4）</translation>
    </message>
</context>
<context>
    <name>MapColouring</name>
    <message>
        <source>Cluster %1</source>
        <translation>聚类 %1</translation>
    </message>
    <message>
        <source>Other values</source>
        <translation>其他取值</translation>
    </message>
    <message>
        <source>No value</source>
        <translation>无取值</translation>
    </message>
</context>
<context>
    <name>ModelTrustPrompt</name>
    <message>
        <source>It lies outside the project&apos;s folder.</source>
        <translation>它位于项目文件夹之外。</translation>
    </message>
    <message>
        <source>The project records no SHA-256 for it, so RecLens cannot tell whether it is the file that was registered.</source>
        <translation>项目没有记录它的 SHA-256，因此 RecLens 无法判断它是否就是当初注册的文件。</translation>
    </message>
    <message>
        <source>It has changed since it was registered: its SHA-256 begins %1, the registered one %2.</source>
        <translation>它在注册后已被更改：其 SHA-256 以 %1 开头，注册时为 %2。</translation>
    </message>
    <message>
        <source>&lt;p&gt;The project asks to load the model &lt;b&gt;%1&lt;/b&gt; from&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;%3&lt;/p&gt;&lt;p&gt;A model file is a program that RecLens runs. Load it only if you trust where it came from.&lt;/p&gt;&lt;p&gt;Load this model?&lt;/p&gt;</source>
        <translation>&lt;p&gt;项目请求从&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;加载模型 &lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%3&lt;/p&gt;&lt;p&gt;模型文件是 RecLens 会运行的程序。只有在信任其来源时才加载它。&lt;/p&gt;&lt;p&gt;加载此模型？&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load this model?</source>
        <translation>加载此模型？</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Cannot write the image %1</source>
        <translation>无法写入图像 %1</translation>
    </message>
    <message>
        <source>Exported from RecLens</source>
        <translation>由 RecLens 导出</translation>
    </message>
    <message>
        <source>Cannot write the drawing %1</source>
        <translation>无法写入矢量图 %1</translation>
    </message>
    <message>
        <source>The table is empty</source>
        <translation>表格为空</translation>
    </message>
    <message>
        <source>Save Plot</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Save Plot as PNG or SVG…</source>
        <translation>将图表保存为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>Export Table as CSV…</source>
        <translation>将表格导出为 CSV…</translation>
    </message>
</context>
<context>
    <name>PopularityPlot</name>
    <message>
        <source>Recommended in this many lists</source>
        <translation>被推荐的列表数</translation>
    </message>
    <message>
        <source>Train interactions</source>
        <translation>训练交互数</translation>
    </message>
    <message>
        <source>Item rank by train popularity</source>
        <translation>按训练热度排序的商品名次</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>End of the short head: %1 items hold 80% of train</source>
        <translation>头部截止处：%1 个商品占训练交互的 80%</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) without train interactions (off the log scale)</source>
        <translation>
            <numerusform>%Ln 个商品没有训练交互（不在对数坐标内）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>log %1</source>
        <translation>日志 %1</translation>
    </message>
    <message>
        <source>%1 — %2 @%3</source>
        <translation>%1 — %2 @%3</translation>
    </message>
    <message>
        <source> (re-ranked: %1)</source>
        <translation>（已重排：%1）</translation>
    </message>
</context>
<context>
    <name>ReasonLine</name>
    <message>
        <source>%1 and %2</source>
        <translation>%1和%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>you interacted with %1</source>
        <translation>您与%1有过交互</translation>
    </message>
    <message>
        <source>your %1 is %2</source>
        <translation>您的 %1 为 %2</translation>
    </message>
    <message>
        <source>the item itself fits your profile</source>
        <translation>该商品本身与您的画像相符</translation>
    </message>
    <message>
        <source>its %1 fits your profile</source>
        <translation>该商品的 %1 与您的画像相符</translation>
    </message>
    <message>
        <source>its %1 is %2</source>
        <translation>该商品的 %1 为 %2</translation>
    </message>
    <message>
        <source>No single field raises the score of this recommendation.</source>
        <translation>没有任何单个字段提高了这条推荐的得分。</translation>
    </message>
    <message>
        <source>Recommended because %1.</source>
        <translation>推荐原因：%1。</translation>
    </message>
    <message>
        <source>Unlike your other recommendations, this one rests on %1.</source>
        <translation>与您的其他推荐不同，这一项主要基于%1。</translation>
    </message>
    <message>
        <source>Rests on %1, unlike your other items</source>
        <translation>主要基于%1，与您的其他商品不同</translation>
    </message>
    <message>
        <source>the other recommendations on average</source>
        <translation>其他推荐的平均水平</translation>
    </message>
    <message>
        <source>Above the rest: %1</source>
        <translation>高于其余各项：%1</translation>
    </message>
    <message>
        <source>Below the rest; in its favour: %1</source>
        <translation>低于其余各项；对它有利的是：%1</translation>
    </message>
    <message>
        <source>Above %1: %2</source>
        <translation>高于%1：%2</translation>
    </message>
    <message>
        <source>Below %1; in its favour: %2</source>
        <translation>低于%1；对它有利的是：%2</translation>
    </message>
    <message>
        <source>No single field favours this item over %1.</source>
        <translation>没有任何单个字段使该商品优于%1。</translation>
    </message>
    <message>
        <source>Scored above %1 because %2.</source>
        <translation>得分高于%1，原因：%2。</translation>
    </message>
    <message>
        <source>Scored below %1; in its favour: %2.</source>
        <translation>得分低于%1；对它有利的是：%2。</translation>
    </message>
</context>
<context>
    <name>reclens::AttributionHeatmap</name>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Other history (%n items)</source>
        <translation>
            <numerusform>其他历史（%n 个商品）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n items</source>
        <translation>
            <numerusform>%n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <source>User field</source>
        <translation>用户字段</translation>
    </message>
    <message>
        <source>Item part</source>
        <translation>商品部分</translation>
    </message>
    <message>
        <source>History item</source>
        <translation>历史商品</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source> (%1 % of f(x) − f(x′))</source>
        <translation> (占 f(x) − f(x′) 的 %1%)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2: %3&lt;br&gt;Value: %4&lt;br&gt;Attribution: %5%6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2：%3&lt;br&gt;值：%4&lt;br&gt;归因：%5%6</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>item itself</source>
        <translation>商品本身</translation>
    </message>
    <message>
        <source>%1 (net)</source>
        <translation>%1（净值）</translation>
    </message>
    <message>
        <source>−%1 %2</source>
        <translation>−%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>Older history (%n events)</source>
        <translation>
            <numerusform>更早的历史（%n 个事件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reclens::AuditMetrics</name>
    <message>
        <source>%1@%2</source>
        <translation>%1@%2</translation>
    </message>
    <message>
        <source>Tail share@%1</source>
        <translation>长尾占比@%1</translation>
    </message>
    <message>
        <source>Novelty@%1</source>
        <translation>新颖度@%1</translation>
    </message>
    <message>
        <source>Miscalibration (KL)@%1</source>
        <translation>失准度（KL）@%1</translation>
    </message>
</context>
<context>
    <name>reclens::AuditRunBar</name>
    <message>
        <source>&amp;Run Audit</source>
        <translation>运行审计(&amp;R)</translation>
    </message>
    <message>
        <source>List length audited: every metric is computed @K</source>
        <translation>审计的列表长度：所有指标均按 @K 计算</translation>
    </message>
    <message>
        <source>Recommend the top-K to every user with the model and compute accuracy, long-tail, exposure and fairness statistics (off the GUI thread; Cancel stops it)</source>
        <translation>用模型为每个用户推荐前 K 个商品，并计算准确率、长尾、曝光和公平性统计（在后台线程运行，不阻塞界面；点击“取消”可停止）</translation>
    </message>
    <message>
        <source>&amp;K:</source>
        <translation>&amp;K：</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>模型：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Load or train a model on the Recommendations page to audit it.</source>
        <translation>请在“推荐”页加载或训练模型后再进行审计。</translation>
    </message>
    <message>
        <source>Not audited yet: press Run Audit.</source>
        <translation>尚未审计：请点击“运行审计”。</translation>
    </message>
    <message>
        <source>Popularity penalty λ: relevance − λ·log(1+popularity), as on the Recommendations page (0 = off)</source>
        <translation>热度惩罚 λ：相关性 − λ·log(1+热度)，与推荐页面相同（0 = 关闭）</translation>
    </message>
    <message>
        <source>MMR diversity weight in [0, 1] (0 = off)</source>
        <translation>MMR 多样性权重，取值 [0, 1]（0 = 关闭）</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Popularity penalty:</source>
        <translation>热度惩罚(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;MMR diversity:</source>
        <translation>MMR 多样性(&amp;M)：</translation>
    </message>
    <message>
        <source>Category ca&amp;p:</source>
        <translation>类目上限(&amp;P)：</translation>
    </message>
    <message>
        <source>Ca&amp;libration:</source>
        <translation>校准(&amp;L)：</translation>
    </message>
    <message>
        <source>Audit the re-ranked lists instead of the model&apos;s own: the model&apos;s candidates re-ranked with these knobs for every user (popularity counted on the audit&apos;s train part)</source>
        <translation>审计重排后的列表而非模型原始列表：对每个用户，用这些参数对模型的候选进行重排（热度按审计的训练部分计数）</translation>
    </message>
    <message>
        <source>Re-ranked: %1</source>
        <translation>已重排：%1</translation>
    </message>
    <message>
        <source>Re-ranking: off</source>
        <translation>重排：关闭</translation>
    </message>
    <message>
        <source>The catalog has no category field</source>
        <translation>商品目录没有类目字段</translation>
    </message>
    <message>
        <source>At most this many items of one category in a list</source>
        <translation>列表中同一类目最多的商品数</translation>
    </message>
    <message>
        <source>Calibrated re-ranking κ (Steck 2018): bring each list&apos;s category mix towards the user&apos;s history (0 = off)</source>
        <translation>校准重排 κ（Steck 2018）：使每个列表的类目构成接近用户历史（0 = 关闭）</translation>
    </message>
    <message>
        <source>Audit @%1 of %2 users (%3 with a held-out item) in %4 s%5</source>
        <translation>@%1 审计：%2 个用户（%3 个有留出商品），用时 %4 秒%5</translation>
    </message>
    <message>
        <source> · re-ranked: %1</source>
        <translation> · 已重排：%1</translation>
    </message>
    <message>
        <source>User-aware popularity penalty λ: the popularity penalty scaled for each user by the share of their history outside the popular items (0 = off)</source>
        <translation>用户感知热度惩罚 λ：按每个用户历史中非热门商品的占比缩放热度惩罚（0 = 关闭）</translation>
    </message>
    <message>
        <source>&amp;User-aware penalty:</source>
        <translation>用户感知惩罚(&amp;U)：</translation>
    </message>
    <message>
        <source>Provider fairness φ: bring each list&apos;s position-weighted exposure of the provider groups towards their target shares (0 = off)</source>
        <translation>供应方公平 φ：使每个列表中各供应方分组按位置加权的曝光接近其目标占比（0 = 关闭）</translation>
    </message>
    <message>
        <source>Provider &amp;fairness:</source>
        <translation>供应方公平(&amp;F)：</translation>
    </message>
    <message>
        <source>The provider groups: an item field, or the popularity tiers</source>
        <translation>供应方分组：某个商品字段，或热度层级</translation>
    </message>
    <message>
        <source>Provider &amp;groups:</source>
        <translation>供应方分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Share of the catalog</source>
        <translation>商品目录占比</translation>
    </message>
    <message>
        <source>Equal shares</source>
        <translation>均等占比</translation>
    </message>
    <message>
        <source>What each provider group&apos;s exposure is brought towards: its share of the catalog&apos;s items, or the same share for every group</source>
        <translation>每个供应方分组的曝光所趋近的目标：其在商品目录中的商品占比，或所有分组相同的占比</translation>
    </message>
    <message>
        <source>Provider &amp;target:</source>
        <translation>供应方目标(&amp;T)：</translation>
    </message>
    <message>
        <source>Split %1: %2 (the split the model was trained on)</source>
        <translation>划分 %1：%2（模型训练时使用的划分）</translation>
    </message>
</context>
<context>
    <name>reclens::AuditService</name>
    <message>
        <source>Auditing %1 @%2</source>
        <translation>正在审计 %1 @%2</translation>
    </message>
    <message>
        <source>The audit was cancelled.</source>
        <translation>审计已取消。</translation>
    </message>
    <message>
        <source>The audit failed: %1</source>
        <translation>审计失败：%1</translation>
    </message>
</context>
<context>
    <name>reclens::Bookmarks</name>
    <message>
        <source>Bookmarks and notes are read-only for this project</source>
        <translation>此项目的书签和备注为只读</translation>
    </message>
    <message>
        <source>Could not read the bookmarks and notes</source>
        <translation>无法读取书签和备注</translation>
    </message>
    <message>
        <source>Could not change the bookmark</source>
        <translation>无法更改书签</translation>
    </message>
    <message>
        <source>Could not save the note</source>
        <translation>无法保存备注</translation>
    </message>
</context>
<context>
    <name>reclens::BookmarksDock</name>
    <message>
        <source>Bookmarks and Notes</source>
        <translation>书签和备注</translation>
    </message>
    <message>
        <source>Double-click to show the user or item</source>
        <translation>双击以显示该用户或商品</translation>
    </message>
    <message>
        <source>Nothing bookmarked yet. Press Ctrl+D on a user or an item to bookmark it.</source>
        <translation>尚无书签。在用户或商品上按 Ctrl+D 即可添加书签。</translation>
    </message>
    <message>
        <source>&amp;Remove Bookmark</source>
        <translation>移除书签(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the bookmark of the selected row (its note stays)</source>
        <translation>移除所选行的书签（其备注会保留）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>reclens::BookmarksModel</name>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加书签</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>reclens::ClusterTableModel</name>
    <message>
        <source>Cluster %1</source>
        <translation>聚类 %1</translation>
    </message>
    <message>
        <source>Tail-heavy</source>
        <translation>长尾集中</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Tail share</source>
        <translation>长尾占比</translation>
    </message>
    <message>
        <source>Mean popularity</source>
        <translation>平均热度</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Share of the cluster&apos;s items in the popularity tail (catalog: %1)</source>
        <translation>该聚类中属于热度长尾的商品占比（全目录：%1）</translation>
    </message>
    <message>
        <source>Mean interactions per item in the cluster (catalog: %1)</source>
        <translation>该聚类每个商品的平均交互次数（全目录：%1）</translation>
    </message>
    <message>
        <source>Tail-heavy: the tail share is at least %1 percentage points above the catalog&apos;s</source>
        <translation>长尾集中：长尾占比比全目录高出至少 %1 个百分点</translation>
    </message>
    <message>
        <source>Cluster %1: %2 items, %3 of them in the popularity tail (catalog: %4); %5 interactions per item on average (catalog: %6).</source>
        <translation>聚类 %1：%2 个商品，其中 %3 属于热度长尾（全目录：%4）；每个商品平均 %5 次交互（全目录：%6）。</translation>
    </message>
    <message>
        <source>Tail-heavy: at least %1 percentage points more tail items than the catalog; a candidate long-tail cluster.</source>
        <translation>长尾集中：长尾商品占比比全目录高出至少 %1 个百分点，可能是一个长尾聚类。</translation>
    </message>
    <message>
        <source>Click to highlight it on the map.</source>
        <translation>点击即可在图中高亮该聚类。</translation>
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
    <message>
        <source>First row is a header</source>
        <translation>第一行是表头</translation>
    </message>
    <message>
        <source>The file to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>Checked: the first row names the columns. Unchecked: every row is data and the columns are named by position, 1, 2, 3, ...</source>
        <translation>勾选：第一行给出各列名称。不勾选：每一行都是数据，各列按位置命名为 1、2、3……</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Latin-1 (ISO-8859-1)</source>
        <translation>Latin-1 (ISO-8859-1)</translation>
    </message>
    <message>
        <source>Windows-1252</source>
        <translation>Windows-1252</translation>
    </message>
    <message>
        <source>The character encoding of the file; Latin-1 and Windows-1252 are converted to UTF-8 as the file is read. Rows that are not valid UTF-8 are skipped under UTF-8.</source>
        <translation>文件的字符编码；Latin-1 和 Windows-1252 在读取时转换为 UTF-8。选择 UTF-8 时，不是有效 UTF-8 的行会被跳过。</translation>
    </message>
</context>
<context>
    <name>reclens::EgoGraphPane</name>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the whole graph (0)</source>
        <translation>缩放以显示整个图（0）</translation>
    </message>
    <message>
        <source>head item</source>
        <translation>头部商品</translation>
    </message>
    <message>
        <source>mid item</source>
        <translation>中部商品</translation>
    </message>
    <message>
        <source>tail item</source>
        <translation>尾部商品</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>raises the score</source>
        <translation>提高得分</translation>
    </message>
    <message>
        <source>lowers it</source>
        <translation>降低得分</translation>
    </message>
    <message>
        <source>Edge width grows with |contribution|. The explained user has a black outline, the explained item a gold one. Click a user to explain their recommendations, an item to explain it for this user. Wheel or +/- zooms, dragging pans.</source>
        <translation>边的宽度随 |贡献| 增大。被解释的用户带黑色轮廓，被解释的商品带金色轮廓。点击用户可解释其推荐，点击商品可解释为何向此用户推荐该商品。滚轮或 +/- 缩放，拖动平移。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Graph&lt;/b&gt; — how user %1 reaches “%2” &lt;i&gt;(computing…)&lt;/i&gt;</source>
        <translation>&lt;b&gt;关系图&lt;/b&gt; — 用户 %1 如何关联到“%2” &lt;i&gt;（计算中…）&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Graph&lt;/b&gt; — how user %1 reaches “%2”</source>
        <translation>&lt;b&gt;关系图&lt;/b&gt; — 用户 %1 如何关联到“%2”</translation>
    </message>
    <message>
        <source>Could not lay out the graph: %1</source>
        <translation>无法完成图布局：%1</translation>
    </message>
    <message>
        <source>Computed in %1 ms</source>
        <translation>计算用时 %1 ms</translation>
    </message>
    <message>
        <source>&lt;b&gt;Graph&lt;/b&gt;</source>
        <translation>&lt;b&gt;关系图&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Each path carries its own term of the score (exact): → an interaction, weighted by the model&apos;s graph; ⇢ two items meeting in the embedding space.</source>
        <translation>每条路径承载得分中属于它的一项（精确）：→ 一次交互，按模型的图加权；⇢ 两个商品在嵌入空间中相遇。</translation>
    </message>
    <message>
        <source>→ user → item: a share of the history item&apos;s attribution allocated to a user who has both items, by co-occurrence (the score does not depend on that user); ⇢ no other user has both, so the history item keeps its whole attribution.</source>
        <translation>→ 用户 → 商品：按共现分配给同时拥有两个商品的用户的一份历史商品归因（得分并不依赖该用户）；⇢ 没有其他用户同时拥有两者，历史商品保留其全部归因。</translation>
    </message>
    <message>
        <source>The graph was cancelled.</source>
        <translation>图的生成已取消。</translation>
    </message>
    <message>
        <source>Could not build the graph: %1</source>
        <translation>无法生成图：%1</translation>
    </message>
</context>
<context>
    <name>reclens::EgoGraphView</name>
    <message>
        <source>Near in the model&apos;s embedding space</source>
        <translation>在模型的嵌入空间中相近</translation>
    </message>
    <message>
        <source>Interaction weight: %1</source>
        <translation>交互权重：%1</translation>
    </message>
    <message>
        <source>The explained user</source>
        <translation>被解释的用户</translation>
    </message>
    <message>
        <source>The recommended item being explained</source>
        <translation>正在解释的推荐商品</translation>
    </message>
    <message>
        <source>&lt;b&gt;User %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;用户 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Item %2 · %3 popularity</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;商品 %2 · 热度层级：%3</translation>
    </message>
    <message>
        <source>&lt;br&gt;Paths through it carry %1 · hop %2</source>
        <translation>&lt;br&gt;经过它的路径贡献 %1 · 第 %2 跳</translation>
    </message>
    <message>
        <source>&lt;br&gt;Click to explain this user&apos;s recommendations.</source>
        <translation>&lt;br&gt;点击以解释此用户的推荐。</translation>
    </message>
    <message>
        <source>&lt;br&gt;Click to explain this item for the user.</source>
        <translation>&lt;br&gt;点击以解释为何向该用户推荐此商品。</translation>
    </message>
    <message>
        <source>Contribution: %1</source>
        <translation>贡献：%1</translation>
    </message>
    <message>
        <source>Attribution of the history item: %1</source>
        <translation>历史商品的归因：%1</translation>
    </message>
    <message>
        <source>No other user has both items: the history item keeps its whole attribution</source>
        <translation>没有其他用户同时拥有这两个商品：历史商品保留其全部归因</translation>
    </message>
    <message>
        <source>Allocated: %1</source>
        <translation>分配：%1</translation>
    </message>
    <message>
        <source>A share of history attributions given to this user by co-occurrence; the score does not depend on other users</source>
        <translation>按共现分配给此用户的一份历史归因；得分并不依赖其他用户</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;%3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;%3&lt;br&gt;%4</translation>
    </message>
    <message>
        <source>&lt;br&gt;Allocated to this user: %1 (a share of history attributions by co-occurrence; the score does not depend on this user) · hop %2</source>
        <translation>&lt;br&gt;分配给此用户：%1（按共现分得的一份历史归因；得分并不依赖此用户）· 第 %2 跳</translation>
    </message>
</context>
<context>
    <name>reclens::EmbeddingMapPage</name>
    <message>
        <source>Popularity tier</source>
        <translation>热度层级</translation>
    </message>
    <message>
        <source>k-means cluster</source>
        <translation>k-means 聚类</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>Number of k-means clusters (seeded, so the same k gives the same clusters)</source>
        <translation>k-means 聚类数（使用固定种子，相同的 k 得到相同的聚类）</translation>
    </message>
    <message>
        <source>Reset &amp;View</source>
        <translation>重置视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show every item again after zooming or panning</source>
        <translation>缩放或平移后重新显示全部商品</translation>
    </message>
    <message>
        <source>&amp;Save Plot…</source>
        <translation>保存图表(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the map as PNG or SVG</source>
        <translation>将该图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>&amp;Colour by:</source>
        <translation>着色依据(&amp;C)：</translation>
    </message>
    <message>
        <source>Item embeddings (PCA)</source>
        <translation>商品嵌入（PCA）</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom; hover over an item for its title</source>
        <translation>拖动可平移，滚轮可缩放；将鼠标悬停在商品上可查看其标题</translation>
    </message>
    <message>
        <source>Clustering item embeddings</source>
        <translation>正在对商品嵌入进行聚类</translation>
    </message>
    <message>
        <source>Projecting item embeddings</source>
        <translation>正在投影商品嵌入</translation>
    </message>
    <message>
        <source>Could not compute the embedding map: %1</source>
        <translation>无法计算嵌入图：%1</translation>
    </message>
    <message>
        <source>Computing the map…</source>
        <translation>正在计算嵌入图…</translation>
    </message>
    <message>
        <source>Load or train a model on the Recommendations page</source>
        <translation>请在“推荐”页加载或训练模型</translation>
    </message>
    <message>
        <source>PC1 (%1% of variance)</source>
        <translation>PC1（解释 %1% 的方差）</translation>
    </message>
    <message>
        <source>PC2 (%1% of variance)</source>
        <translation>PC2（解释 %1% 的方差）</translation>
    </message>
    <message>
        <source>History of %1 (%2)</source>
        <translation>%1 的历史（%2）</translation>
    </message>
    <message>
        <source>Recommended to %1 (%2)</source>
        <translation>推荐给 %1 的商品（%2）</translation>
    </message>
    <message>
        <source>PCA of all %1 item embeddings (%2 dimensions) of %3: the two components explain %4% of the variance (computed in %5 s).</source>
        <translation>对 %3 的全部 %1 个商品嵌入（%2 维）做 PCA：两个主成分共解释 %4% 的方差（用时 %5 s）。</translation>
    </message>
    <message>
        <source>k-means with k = %1 (seed %2) on the full embeddings converged in %3 iterations.</source>
        <translation>在完整嵌入上运行 k-means（k = %1，种子 %2），经 %3 次迭代收敛。</translation>
    </message>
    <message>
        <source>Pick a user on the Recommendations page to highlight them.</source>
        <translation>在“推荐”页选择一个用户即可将其高亮显示。</translation>
    </message>
    <message>
        <source>Item %1 · %2 tier · %3 interactions</source>
        <translation>商品 %1 · 热度层级：%2 · %3 次交互</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>类目：%1</translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>聚类 %1</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>UMAP</source>
        <translation>UMAP</translation>
    </message>
    <message>
        <source>Colour the items by popularity tier, k-means cluster of their embeddings or a catalog attribute such as category or brand</source>
        <translation>按热度层级、嵌入的 k-means 聚类或类目、品牌等商品属性为商品着色</translation>
    </message>
    <message>
        <source>Each k-means cluster&apos;s tail share and mean popularity; click a row to outline the cluster on the map</source>
        <translation>每个 k-means 聚类的长尾占比与平均热度；点击一行即可在图中圈出该聚类</translation>
    </message>
    <message>
        <source>&amp;Layout:</source>
        <translation>布局(&amp;L)：</translation>
    </message>
    <message>
        <source>Attribute: %1</source>
        <translation>属性：%1</translation>
    </message>
    <message>
        <source>Laying out item embeddings (UMAP)</source>
        <translation>正在布局商品嵌入（UMAP）</translation>
    </message>
    <message>
        <source>Item embeddings (UMAP)</source>
        <translation>商品嵌入（UMAP）</translation>
    </message>
    <message>
        <source>UMAP 1</source>
        <translation>UMAP 1</translation>
    </message>
    <message>
        <source>UMAP 2</source>
        <translation>UMAP 2</translation>
    </message>
    <message>
        <source>Cluster %1 (selected)</source>
        <translation>聚类 %1（已选中）</translation>
    </message>
    <message>
        <source>tail share at least %1 percentage points above the catalog&apos;s %2%</source>
        <translation>长尾占比比全目录的 %2% 高出至少 %1 个百分点</translation>
    </message>
    <message>
        <source>No cluster is tail-heavy (%1).</source>
        <translation>没有长尾集中的聚类（%1）。</translation>
    </message>
    <message>
        <source>Tail-heavy clusters (%1): %2.</source>
        <translation>长尾集中的聚类（%1）：%2。</translation>
    </message>
    <message>
        <source>UMAP of all %1 item embeddings (%2 dimensions) of %3: %4 neighbours, min-dist %5, %6 epochs, seed %7 (computed in %8 s, of which %9 s for the approximate neighbours).</source>
        <translation>对 %3 的全部 %1 个商品嵌入（%2 维）做 UMAP：%4 个近邻，min-dist %5，%6 轮，种子 %7（用时 %8 s，其中近似近邻搜索 %9 s）。</translation>
    </message>
    <message>
        <source>Shading shows the density of all items; coloured dots are a fixed sample of %1 of them.</source>
        <translation>灰度表示全部商品的密度；彩色点是其中固定抽取的 %1 个样本。</translation>
    </message>
    <message>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <source>PCA: the two main directions of the embeddings (fast, linear). UMAP: keeps each item&apos;s nearest neighbours near it (McInnes et al. 2018; seeded, takes longer). t-SNE: keeps neighbourhoods of perplexity 30 (Barnes-Hut, van der Maaten 2014; seeded, slower than UMAP, up to 500,000 items)</source>
        <translation>PCA：嵌入的两个主方向（快速、线性）。UMAP：让每个商品的最近邻留在它附近（McInnes 等，2018；带种子，耗时较长）。t-SNE：保持困惑度为 30 的邻域（Barnes-Hut，van der Maaten 2014；带种子，比 UMAP 慢，最多 500,000 个商品）</translation>
    </message>
    <message>
        <source>Laying out item embeddings (t-SNE)</source>
        <translation>正在布局商品嵌入（t-SNE）</translation>
    </message>
    <message>
        <source>Item embeddings (t-SNE)</source>
        <translation>商品嵌入（t-SNE）</translation>
    </message>
    <message>
        <source>t-SNE 1</source>
        <translation>t-SNE 1</translation>
    </message>
    <message>
        <source>t-SNE 2</source>
        <translation>t-SNE 2</translation>
    </message>
    <message>
        <source>t-SNE (Barnes-Hut) of all %1 item embeddings (%2 dimensions) of %3: perplexity %4 (%5 neighbours), %6 iterations, seed %7 (computed in %8 s, of which %9 s for the approximate neighbours).</source>
        <translation>%3 的全部 %1 个商品嵌入（%2 维）的 t-SNE（Barnes-Hut）：困惑度 %4（%5 个近邻），%6 次迭代，种子 %7（用时 %8 秒，其中近似近邻 %9 秒）。</translation>
    </message>
</context>
<context>
    <name>reclens::ExplanationControls</name>
    <message>
        <source>How many of the user&apos;s recommendations to explain, from the top</source>
        <translation>从排名最前起，要解释该用户的多少条推荐</translation>
    </message>
    <message>
        <source>Path integral of the gradient from the baseline; adds up to the score change</source>
        <translation>从基线出发的梯度路径积分；各项之和等于得分变化</translation>
    </message>
    <message>
        <source>Gradient at the input times the input: one pass, fast</source>
        <translation>输入处的梯度乘以输入：只需一次计算，速度快</translation>
    </message>
    <message>
        <source>Exact score change when one field is removed</source>
        <translation>移除某一字段时得分的精确变化</translation>
    </message>
    <message>
        <source>Mean marginal contribution over sampled orders of the fields: slow</source>
        <translation>在随机采样的字段顺序上求平均边际贡献：速度较慢</translation>
    </message>
    <message>
        <source>How the score is split over the fields</source>
        <translation>得分如何分配到各字段</translation>
    </message>
    <message>
        <source>Integrated Gradients steps: more steps, smaller completeness delta</source>
        <translation>积分梯度步数：步数越多，完备性偏差越小</translation>
    </message>
    <message>
        <source>Shapley permutations (each one with its reverse)</source>
        <translation>Shapley 排列数（每个排列都与其逆序成对使用）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Rows:</source>
        <translation>行数(&amp;R)：</translation>
    </message>
    <message>
        <source>M&amp;ethod:</source>
        <translation>方法(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <source>S&amp;amples:</source>
        <translation>采样数(&amp;A)：</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Stop the running computation</source>
        <translation>停止正在运行的计算</translation>
    </message>
    <message>
        <source>Explain the list again</source>
        <translation>重新解释该列表</translation>
    </message>
    <message>
        <source>Why does this user get this item at all? Every input is compared with nothing, so the attributions explain the whole score, including what every user gets (mostly popularity).</source>
        <translation>这个用户为什么会得到这个商品？每个输入都与空值比较，因此归因解释整个得分，包括每个用户都会得到的部分（多半是热度）。</translation>
    </message>
    <message>
        <source>As Zero, except that each user attribute is compared with an unknown value: an attribute is credited only for what knowing it adds.</source>
        <translation>与“零”相同，但每个用户属性与未知值比较：属性只因知道它所带来的变化而得分。</translation>
    </message>
    <message>
        <source>Why does this user, rather than a typical user, get this item? Every history row and user attribute is compared with the average of all the project&apos;s users, so the attributions explain the score minus the average user&apos;s score: the user&apos;s own part.</source>
        <translation>为什么是这个用户而不是一个典型用户得到这个商品？每条历史记录和用户属性都与项目中所有用户的平均值比较，因此归因解释的是得分减去平均用户的得分，即该用户自己的部分。</translation>
    </message>
    <message>
        <source>What the user is compared with: the attributions add up to the score minus the baseline&apos;s score (Integrated Gradients and Shapley only)</source>
        <translation>用户与什么比较：归因之和等于得分减去基线的得分（仅适用于积分梯度和 Shapley）</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>基线(&amp;B)：</translation>
    </message>
    <message>
        <source>Why does this user, rather than other users, get this item? Every input is compared with each of 32 users of the project drawn at random in turn, and the attributions are averaged (expected gradients); the detail panel shows how much they spread over those users.</source>
        <translation>为什么是这个用户、而不是其他用户得到该商品？每个输入依次与项目中随机抽取的 32 个用户逐一比较，再对归因取平均（期望梯度）；详情面板显示归因在这些用户之间的离散程度。</translation>
    </message>
    <message>
        <source>Nothing: the whole score</source>
        <translation>不比较：完整得分</translation>
    </message>
    <message>
        <source>Why does the user get each item at all? The attributions explain each score as it is, including the part every item of the list shares.</source>
        <translation>用户为什么会得到每个商品？归因按原样解释每个得分，包括列表中所有商品共有的部分。</translation>
    </message>
    <message>
        <source>The other rows</source>
        <translation>其他行</translation>
    </message>
    <message>
        <source>Why this item rather than the others? Each score minus the mean score of the other rows is explained: the history items named are those that lift this item above the rest of the list.</source>
        <translation>为什么是这个商品而不是其他商品？解释的是每个得分减去其他行的平均得分：列出的历史商品正是把该商品抬到列表其余各项之上的那些。</translation>
    </message>
    <message>
        <source>What each item&apos;s score is compared with. A ranking is about differences: the attributions of a difference of scores are the differences of the items&apos; attributions (every method).</source>
        <translation>每个商品的得分与什么比较。排序关乎差值：得分之差的归因就是各商品归因之差（所有方法均如此）。</translation>
    </message>
    <message>
        <source>C&amp;ompare with:</source>
        <translation>比较对象(&amp;O)：</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Why is each item above (or below) “%1”? Each score minus that item&apos;s score is explained.</source>
        <translation>为什么每个商品高于（或低于）“%1”？解释的是每个得分减去该商品的得分。</translation>
    </message>
    <message>
        <source>Average user of their %1</source>
        <translation>其 %1 群体的平均用户</translation>
    </message>
    <message>
        <source>Why does this user, rather than a typical user with the same %1, get this item? As the average user, averaged only over the users who share this user&apos;s %1.</source>
        <translation>为什么是这个用户、而不是 %1 相同的典型用户得到该商品？与平均用户基线相同，但只在与该用户 %1 相同的用户上取平均。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The whole scores, unless their explanations would all tell one story (every row leading with the same history item, or explained alike): then the rows are compared with each other, as with &quot;The other rows&quot;.</source>
        <translation>默认解释完整得分；若这些解释都在说同一件事（每一行都以同一个历史商品为首，或解释方式几乎相同），则将各行相互比较，与“其他行”相同。</translation>
    </message>
</context>
<context>
    <name>reclens::ExplanationPage</name>
    <message>
        <source>Cancelled. Press Compute to explain again.</source>
        <translation>已取消。点击“计算”可重新解释。</translation>
    </message>
    <message>
        <source>Completeness: the attributions of an item should add up to f(x) − f(x′), its score minus the score with every field at the baseline. Δ is what is left over.</source>
        <translation>完备性：一个商品的各项归因之和应等于 f(x) − f(x′)，即其得分减去所有字段均取基线时的得分。Δ 为剩余的差值。</translation>
    </message>
    <message>
        <source>The reason line of each explained item; select one to show it in the graph</source>
        <translation>每个被解释商品的推荐理由；选中一项即可在图中显示</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why each item&lt;/b&gt;</source>
        <translation>&lt;b&gt;各商品的推荐理由&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Why user &lt;b&gt;%1&lt;/b&gt; gets these items · model &lt;b&gt;%2&lt;/b&gt; (%3)</source>
        <translation>用户 &lt;b&gt;%1&lt;/b&gt; 为何获得这些商品 · 模型 &lt;b&gt;%2&lt;/b&gt;（%3）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Explanation&lt;/b&gt;</source>
        <translation>&lt;b&gt;解释&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Load a model on the Recommendations page and pick a user to see why they get their items.</source>
        <translation>请在“推荐”页加载模型并选择一个用户，以查看其获得这些商品的原因。</translation>
    </message>
    <message>
        <source>This user has no recommendation to explain.</source>
        <translation>该用户没有可解释的推荐。</translation>
    </message>
    <message>
        <source>%1 (not in the list)</source>
        <translation>%1（不在列表中）</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Could not explain the recommendations: %1</source>
        <translation>无法解释这些推荐：%1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 in %2 ms</source>
        <translation>%1，用时 %2 ms</translation>
    </message>
    <message>
        <source>How the attributions were computed: %1 (docs/explanations.md, &quot;Engines&quot;)</source>
        <translation>归因的计算方式：%1（见 docs/explanations.md 的“Engines”一节）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>User field</source>
        <translation>用户字段</translation>
    </message>
    <message>
        <source>Item part</source>
        <translation>商品部分</translation>
    </message>
    <message>
        <source>Shown when the explained items are explained alike (mean cosine of their attributions at least %1) or when most of their scores is what every user gets (common part at least %2 %)</source>
        <translation>当被解释的商品的解释几乎相同（归因的平均余弦至少为 %1），或其得分大部分是每个用户都会得到的部分（共同部分至少 %2 %）时显示</translation>
    </message>
    <message>
        <source>The common and personal parts of the scores are not shown: %1</source>
        <translation>未显示得分的共同部分和个人部分：%1</translation>
    </message>
    <message>
        <source>Graph paths</source>
        <translation>图路径</translation>
    </message>
    <message>
        <source>Faithfulness curves</source>
        <translation>忠实度曲线</translation>
    </message>
    <message>
        <source>Show the Faithfulness Curves</source>
        <translation>显示忠实度曲线</translation>
    </message>
    <message>
        <source>How fast the selected item&apos;s score falls as the history items each method credits most are removed, and comes back as they are added (%1)</source>
        <translation>移除各方法最看重的历史商品时所选商品的得分下降得有多快，以及将它们逐个加回时恢复得有多快（%1）</translation>
    </message>
</context>
<context>
    <name>reclens::FairnessGapModel</name>
    <message>
        <source>The gap is larger than random relabelling of users gives in %1% of cases: unlikely to be chance</source>
        <translation>随机重新分配用户分组时，只有 %1% 的情况差距能达到这么大：不太可能是偶然</translation>
    </message>
    <message>
        <source>Random relabelling of users often gives a gap this large: it may be chance</source>
        <translation>随机重新分配用户分组时，经常会出现这么大的差距：可能只是偶然</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>组数</translation>
    </message>
    <message>
        <source>Max − min</source>
        <translation>最大值 − 最小值</translation>
    </message>
    <message>
        <source>UserMAD</source>
        <translation>UserMAD</translation>
    </message>
    <message>
        <source>Permutation p</source>
        <translation>置换 p 值</translation>
    </message>
    <message>
        <source>Largest minus smallest group mean</source>
        <translation>组均值的最大值减去最小值</translation>
    </message>
    <message>
        <source>Mean absolute difference of the group means over all pairs of groups (Elliot UserMAD)</source>
        <translation>所有组两两之间组均值差的绝对值的平均（Elliot UserMAD）</translation>
    </message>
    <message>
        <source>Permutation test of the max − min gap: the share of random relabellings of users with a gap at least as large (with the +1 correction)</source>
        <translation>对最大值 − 最小值差距的置换检验：随机重新分配用户分组后，差距不小于当前差距的比例（含 +1 校正）</translation>
    </message>
</context>
<context>
    <name>reclens::FairnessPage</name>
    <message>
        <source>Accuracy by user group</source>
        <translation>各用户组的准确度</translation>
    </message>
    <message>
        <source>Item exposure against catalog and interaction share</source>
        <translation>商品曝光与商品目录占比、交互占比的对比</translation>
    </message>
    <message>
        <source>Users of a group</source>
        <translation>组内用户</translation>
    </message>
    <message>
        <source>&amp;Save Run…</source>
        <translation>保存运行结果(&amp;S)…</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>User attribute whose groups are compared</source>
        <translation>按其取值分组进行比较的用户属性</translation>
    </message>
    <message>
        <source>Accuracy metric drawn per group</source>
        <translation>按组绘制的准确度指标</translation>
    </message>
    <message>
        <source>How items are grouped for the exposure comparison</source>
        <translation>曝光对比时商品的分组方式</translation>
    </message>
    <message>
        <source>Store this audit (configuration, results, provenance) in the project file</source>
        <translation>将本次审计（配置、结果、来源信息）保存到项目文件中</translation>
    </message>
    <message>
        <source>Write a self-contained HTML or PDF report of this audit</source>
        <translation>将本次审计写成独立的 HTML 或 PDF 报告</translation>
    </message>
    <message>
        <source>Click a bar to list the group&apos;s users</source>
        <translation>点击柱形以列出该组的用户</translation>
    </message>
    <message>
        <source>User &amp;attribute:</source>
        <translation>用户属性(&amp;a)：</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <source>Item &amp;grouping:</source>
        <translation>商品分组(&amp;g)：</translation>
    </message>
    <message>
        <source>Gaps between the groups</source>
        <translation>组间差距</translation>
    </message>
    <message>
        <source>Counterfactual flips</source>
        <translation>反事实翻转</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save a plot as PNG or SVG, or a table as CSV</source>
        <translation>将图表保存为 PNG 或 SVG，或将表格保存为 CSV</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Gap table as CSV…</source>
        <translation>差距表（CSV）…</translation>
    </message>
    <message>
        <source>Flip rates as CSV…</source>
        <translation>翻转率（CSV）…</translation>
    </message>
    <message>
        <source>Users of the group as CSV…</source>
        <translation>组内用户（CSV）…</translation>
    </message>
    <message>
        <source>Run an audit to see this plot</source>
        <translation>运行审计后即可查看此图</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>The model reads no user attribute, so flipping one cannot change its lists.</source>
        <translation>该模型不读取任何用户属性，因此翻转属性不会改变其推荐列表。</translation>
    </message>
    <message>
        <source>Each user&apos;s list recomputed with the attribute set to every other value.</source>
        <translation>将属性依次设为其他每个取值，重新计算每个用户的列表。</translation>
    </message>
    <message>
        <source>Users of a group: click a bar</source>
        <translation>组内用户：请点击柱形</translation>
    </message>
    <message>
        <source>%1 = %2: %3 users (double-click one for their recommendations)</source>
        <translation>%1 = %2：%3 个用户（双击某个用户可查看其推荐）</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>Exposure by %1 against catalog and interaction share</source>
        <translation>按%1统计的曝光与商品目录占比、交互占比的对比</translation>
    </message>
    <message>
        <source>There is no audit to report</source>
        <translation>没有可生成报告的审计</translation>
    </message>
    <message>
        <source>%1 @%2 %3</source>
        <translation>%1 @%2 %3</translation>
    </message>
    <message>
        <source>Save Audit Run</source>
        <translation>保存审计运行记录</translation>
    </message>
    <message>
        <source>Name of the run:</source>
        <translation>运行记录名称：</translation>
    </message>
    <message>
        <source>Could not save the audit run</source>
        <translation>无法保存审计运行记录</translation>
    </message>
    <message>
        <source>Audit run saved</source>
        <translation>审计运行记录已保存</translation>
    </message>
    <message>
        <source>The run “%1” is stored in the project.</source>
        <translation>运行记录“%1”已保存到项目中。</translation>
    </message>
    <message>
        <source>Export Audit Report</source>
        <translation>导出审计报告</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF document (*.pdf)</source>
        <translation>HTML 报告 (*.html);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not export the report</source>
        <translation>无法导出报告</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Compare two saved audit runs (or one with the audit on screen): differences with paired bootstrap intervals over the same users (Ctrl+Shift+C)</source>
        <translation>比较两次已保存的审计运行（或其一与当前屏幕上的审计）：给出差值及同一批用户上的配对自助法区间（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>on screen</source>
        <translation>当前屏幕</translation>
    </message>
    <message>
        <source>&amp;Why This Gap?…</source>
        <translation>差距从何而来(&amp;W)…</translation>
    </message>
    <message>
        <source>Split the gap of the chosen metric between the user attribute&apos;s groups over the item groups (categories, brands, tiers) that account for it</source>
        <translation>把所选指标在该用户属性各组之间的差距，按造成差距的商品分组（类目、品牌、热度层级）拆分</translation>
    </message>
</context>
<context>
    <name>reclens::FaithfulnessCurvesPane</name>
    <message>
        <source>Score of the item</source>
        <translation>商品得分</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 · AUC %2</source>
        <translation>%1 · AUC %2</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>How many random orders of the history are averaged into the dashed grey reference curves (seeded, so the same settings draw the same curves)</source>
        <translation>灰色虚线参考曲线由多少个历史记录的随机顺序取平均得到（带随机种子，相同设置画出相同曲线）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>The curves stop after this many history items removed or added; &quot;all&quot; goes through the whole history</source>
        <translation>曲线在移除或加入这么多个历史商品后停止；“全部”表示走完整个历史记录</translation>
    </message>
    <message>
        <source>Compute the curves of the selected item again with these settings</source>
        <translation>用这些设置重新计算所选商品的曲线</translation>
    </message>
    <message>
        <source>Explaining the item with each method, then scoring every step of every curve</source>
        <translation>先用每种方法解释该商品，再为每条曲线的每一步打分</translation>
    </message>
    <message>
        <source>Stop computing the curves</source>
        <translation>停止计算曲线</translation>
    </message>
    <message>
        <source>&amp;Random orders:</source>
        <translation>随机顺序(&amp;R)：</translation>
    </message>
    <message>
        <source>S&amp;tep limit:</source>
        <translation>步数上限(&amp;T)：</translation>
    </message>
    <message>
        <source>Deletion: most-credited history items removed first</source>
        <translation>删除：先移除最受看重的历史商品</translation>
    </message>
    <message>
        <source>History items removed</source>
        <translation>已移除的历史商品数</translation>
    </message>
    <message>
        <source>A faithful method picks the items the score rests on: its curve falls fast and its area (AUC) is small. Dashed grey: random orders.</source>
        <translation>忠实的方法会挑出得分真正依赖的商品：其曲线下降快，曲线下面积（AUC）小。灰色虚线：随机顺序。</translation>
    </message>
    <message>
        <source>Insertion: most-credited history items added first</source>
        <translation>插入：先加入最受看重的历史商品</translation>
    </message>
    <message>
        <source>History items added</source>
        <translation>已加入的历史商品数</translation>
    </message>
    <message>
        <source>Starting from no history, a faithful method&apos;s items bring the score back fast: its curve rises fast and its area (AUC) is large. Dashed grey: random orders.</source>
        <translation>从空的历史记录开始，忠实方法挑出的商品能让得分迅速恢复：其曲线上升快，曲线下面积（AUC）大。灰色虚线：随机顺序。</translation>
    </message>
    <message>
        <source>Cancelled. Press Compute to draw the curves again.</source>
        <translation>已取消。按“计算”重新绘制曲线。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Faithfulness curves&lt;/b&gt;</source>
        <translation>&lt;b&gt;忠实度曲线&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select a recommended item</source>
        <translation>请选择一个推荐商品</translation>
    </message>
    <message>
        <source>Select a recommended item to see how its score falls as the history items each method credits most are removed, and how it comes back as they are added.</source>
        <translation>选择一个推荐商品，查看移除各方法最看重的历史商品时其得分如何下降，以及将它们逐个加回时得分如何恢复。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Faithfulness curves&lt;/b&gt; of &lt;b&gt;%1&lt;/b&gt; for user &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>用户 &lt;b&gt;%2&lt;/b&gt; 的 &lt;b&gt;%1&lt;/b&gt; 的&lt;b&gt;忠实度曲线&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Computing the curves of &quot;%1&quot;…</source>
        <translation>正在计算“%1”的曲线…</translation>
    </message>
    <message>
        <source>This user has no history: there is no item to remove or add, so &quot;%1&quot; has no faithfulness curves.</source>
        <translation>该用户没有历史记录：没有可移除或加入的商品，因此“%1”没有忠实度曲线。</translation>
    </message>
    <message>
        <source>Could not compute the curves: %1</source>
        <translation>无法计算曲线：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n history item(s); </source>
        <translation>
            <numerusform>%n 个历史商品；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>score %1 with the whole history, %2 with none; random: mean of %n order(s). Lower deletion AUC and higher insertion AUC mean a more faithful method (areas of the score scaled to 1 with the whole history and 0 with none).</source>
        <translation>
            <numerusform>完整历史记录下得分 %1，无历史记录时得分 %2；随机：%n 个顺序的平均。删除 AUC 越低、插入 AUC 越高，方法越忠实（面积按缩放后的得分计算：完整历史记录为 1，无历史记录为 0）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The history does not change this item&apos;s score, so the areas are undefined.</source>
        <translation>历史记录不改变该商品的得分，因此曲线下面积没有定义。</translation>
    </message>
    <message>
        <source>(%1 ms)</source>
        <translation>（%1 毫秒）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
</context>
<context>
    <name>reclens::FlipRateModel</name>
    <message>
        <source>Flipped attribute</source>
        <translation>翻转的属性</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Flip rate</source>
        <translation>翻转率</translation>
    </message>
    <message>
        <source>Mean Jaccard</source>
        <translation>平均 Jaccard</translation>
    </message>
    <message>
        <source>Share of users whose top-K changes when the attribute is set to another value</source>
        <translation>将该属性设为其他取值时，前 K 项列表发生变化的用户所占比例</translation>
    </message>
    <message>
        <source>Mean overlap (intersection over union) of the original and the flipped lists</source>
        <translation>原始列表与翻转后列表的平均重合度（交集除以并集）</translation>
    </message>
</context>
<context>
    <name>reclens::GapDecompositionDialog</name>
    <message>
        <source>Why This Gap? — %1</source>
        <translation>差距从何而来？— %1</translation>
    </message>
    <message>
        <source>The per-user metric whose gap between the two groups is split</source>
        <translation>拆分其两组间差距的逐用户指标</translation>
    </message>
    <message>
        <source>Split the gap over the groups of this item grouping</source>
        <translation>按此商品分组的各组拆分差距</translation>
    </message>
    <message>
        <source>The first group (its mean minus the second&apos;s is the gap); first shown: the group with the largest mean</source>
        <translation>第一组（其均值减去第二组的均值即为差距）；初始为均值最大的组</translation>
    </message>
    <message>
        <source>The second group; first shown: the group with the smallest mean</source>
        <translation>第二组；初始为均值最小的组</translation>
    </message>
    <message>
        <source>Item group</source>
        <translation>商品分组</translation>
    </message>
    <message>
        <source>First group</source>
        <translation>第一组</translation>
    </message>
    <message>
        <source>Second group</source>
        <translation>第二组</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>Share of the gap</source>
        <translation>占差距比例</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Split by:</source>
        <translation>拆分依据(&amp;S)：</translation>
    </message>
    <message>
        <source>minus</source>
        <translation>减去</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>The gap cannot be decomposed: %1</source>
        <translation>无法拆分该差距：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of &lt;b&gt;%2&lt;/b&gt; %3 (%4 users) minus &lt;b&gt;%5&lt;/b&gt; %6 (%7 users) = gap &lt;b&gt;%8&lt;/b&gt;. %9</source>
        <translation>&lt;b&gt;%2&lt;/b&gt; 的 &lt;b&gt;%1&lt;/b&gt; %3（%4 个用户）减去 &lt;b&gt;%5&lt;/b&gt; 的 %6（%7 个用户）= 差距 &lt;b&gt;%8&lt;/b&gt;。%9</translation>
    </message>
    <message>
        <source>Each row is what the held-out items of that group that the lists hit earn, per user.</source>
        <translation>每行是列表命中的、属于该组的留出商品所贡献的得分（按用户平均）。</translation>
    </message>
    <message>
        <source>Each row is what the listed items of that group contribute, per user.</source>
        <translation>每行是列表中属于该组的商品所贡献的值（按用户平均）。</translation>
    </message>
</context>
<context>
    <name>reclens::GroupUsersModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Double-click to open this user&apos;s recommendations</source>
        <translation>双击可打开此用户的推荐</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Held-out item</source>
        <translation>有留出商品</translation>
    </message>
    <message>
        <source>Train items</source>
        <translation>训练商品数</translation>
    </message>
    <message>
        <source>List popularity</source>
        <translation>列表热度</translation>
    </message>
    <message>
        <source>NDCG</source>
        <translation>NDCG</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>命中率</translation>
    </message>
</context>
<context>
    <name>reclens::HistoryTimeline</name>
    <message>
        <source>History over time</source>
        <translation>历史随时间变化</translation>
    </message>
    <message>
        <source>in history</source>
        <translation>历史中</translation>
    </message>
    <message>
        <source>re-weighted</source>
        <translation>已调整权重</translation>
    </message>
    <message>
        <source>toggled off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>after replay time</source>
        <translation>晚于回放时间</translation>
    </message>
    <message>
        <source>No user selected</source>
        <translation>未选择用户</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>This user has no history</source>
        <translation>该用户没有历史记录</translation>
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
    <message numerus="yes">
        <source>&lt;b&gt;%n row(s) skipped: not valid UTF-8&lt;/b&gt; (choose the Latin-1 or Windows-1252 encoding for the file and import again)</source>
        <translation>
            <numerusform>&lt;b&gt;已跳过 %n 行：不是有效的 UTF-8&lt;/b&gt;（请为该文件选择 Latin-1 或 Windows-1252 编码后重新导入）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reclens::ItemExposureChart</name>
    <message>
        <source>per week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Length of the periods counted</source>
        <translation>计数所用的时间段长度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Exposure over time&lt;/b&gt;: interactions</source>
        <translation>&lt;b&gt;曝光随时间变化&lt;/b&gt;：交互</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>This project&apos;s timestamps are only an order per user, so there is no calendar to count by.</source>
        <translation>此项目的时间戳只表示每个用户的交互顺序，没有可用于计数的日历时间。</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>Distinct users</source>
        <translation>独立用户数</translation>
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
        <translation>热度层级。头部：最热门、合计占全部交互 80% 的商品（短头部）。中部：其后的商品，累计至全部交互的 95%。尾部：其余所有商品，包括无人交互的商品。中部与尾部合起来即长尾。</translation>
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
        <translation>该商品的交互次数（即其热度）</translation>
    </message>
    <message>
        <source>When the item appeared: the catalog&apos;s date, or its first interaction when the catalog has none (UTC)</source>
        <translation>商品出现的时间：取目录中的日期，目录中没有时取其首次交互时间（UTC）</translation>
    </message>
</context>
<context>
    <name>reclens::ItemViewPage</name>
    <message>
        <source>head</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>mid</source>
        <translation>中部</translation>
    </message>
    <message>
        <source>tail</source>
        <translation>尾部</translation>
    </message>
    <message>
        <source>Double-click to show this item</source>
        <translation>双击可显示此商品</translation>
    </message>
    <message>
        <source>Indexing the catalog…</source>
        <translation>正在为商品目录建立索引…</translation>
    </message>
    <message>
        <source>Indexing the catalog</source>
        <translation>正在为商品目录建立索引</translation>
    </message>
    <message>
        <source>Could not index the catalog: %1</source>
        <translation>无法为商品目录建立索引：%1</translation>
    </message>
    <message>
        <source>Preparing similar items</source>
        <translation>正在准备相似商品</translation>
    </message>
    <message>
        <source>Could not read the model&apos;s item embeddings: %1</source>
        <translation>无法读取模型的商品嵌入：%1</translation>
    </message>
    <message>
        <source>Type to search %1 items</source>
        <translation>输入文字以搜索 %1 个商品</translation>
    </message>
    <message>
        <source>%1 matches, best %2 shown</source>
        <translation>共 %1 个匹配，显示最佳的 %2 个</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>No item chosen</source>
        <translation>未选择商品</translation>
    </message>
    <message>
        <source>Open a project to look at its items</source>
        <translation>打开项目以查看其商品</translation>
    </message>
    <message>
        <source>Search the catalog on the left and pick an item.</source>
        <translation>在左侧搜索商品目录并选择一个商品。</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>price %1</source>
        <translation>价格 %1</translation>
    </message>
    <message>
        <source>first seen %1</source>
        <translation>首次出现 %1</translation>
    </message>
    <message>
        <source>%1 interactions</source>
        <translation>%1 次交互</translation>
    </message>
    <message>
        <source>%1 popularity tier</source>
        <translation>热度层级 %1</translation>
    </message>
    <message>
        <source>Reading the model&apos;s item embeddings…</source>
        <translation>正在读取模型的商品嵌入…</translation>
    </message>
    <message>
        <source>Indexing the interactions…</source>
        <translation>正在为交互建立索引…</translation>
    </message>
    <message>
        <source>%1 of the %2 users of the shown item also have this one (confidence %3)</source>
        <translation>当前商品的 %2 个用户中，有 %1 个也交互过此商品（置信度 %3）</translation>
    </message>
    <message>
        <source>No other item shares a user with this one.</source>
        <translation>没有其他商品与此商品有共同用户。</translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ 已添加书签</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ 添加书签</translation>
    </message>
    <message>
        <source>Search the catalog…</source>
        <translation>搜索商品目录…</translation>
    </message>
    <message>
        <source>Words or beginnings of words of the title, category, brand or id (Ctrl+F)</source>
        <translation>输入标题、类目、品牌或 ID 中的词语或词语开头（Ctrl+F）</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>Bookmark this item (Ctrl+D)</source>
        <translation>为此商品添加书签（Ctrl+D）</translation>
    </message>
    <message>
        <source>Note on this item (saved in the project as you type)…</source>
        <translation>为此商品添加备注（输入时即保存到项目中）…</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>within a day</source>
        <translation>一天之内</translation>
    </message>
    <message>
        <source>at the same time</source>
        <translation>同一时间</translation>
    </message>
    <message>
        <source>Count an item only when the same user interacted with it this close in time to the shown item (&quot;at the same time&quot;: the same basket or invoice)</source>
        <translation>仅当同一用户与某商品的交互时间与当前商品足够接近时才计入（“同一时间”：同一购物篮或同一张订单）</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>提升度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bought together&lt;/b&gt;</source>
        <translation>&lt;b&gt;经常一起购买&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Comparing the items&apos; content</source>
        <translation>正在比较商品的内容</translation>
    </message>
    <message>
        <source>Comparing the items&apos; titles and attributes…</source>
        <translation>正在比较商品的标题和属性…</translation>
    </message>
    <message>
        <source>Load a model on the Recommendations page to see similar items, or compare by content.</source>
        <translation>请在推荐页面加载模型以查看相似商品，或改为按内容比较。</translation>
    </message>
    <message>
        <source>This item is newer than the model: it has no embedding yet.</source>
        <translation>此商品比模型新：它还没有嵌入向量。</translation>
    </message>
    <message>
        <source>model embeddings</source>
        <translation>模型嵌入</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Model embeddings: the cosine of the loaded model&apos;s item vectors (what the model treats as alike). Content: the cosine of the items&apos; title words and attributes (category, brand, ...), TF-IDF reduced by a truncated SVD; it needs no model and also covers items nobody bought yet.</source>
        <translation>模型嵌入：已加载模型的商品向量的余弦（模型认为相似的商品）。内容：商品标题词语和属性（类目、品牌等）的余弦，TF-IDF 经截断 SVD 降维；无需模型，也涵盖尚无人购买的商品。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Similar items&lt;/b&gt; by</source>
        <translation>&lt;b&gt;相似商品&lt;/b&gt;依据</translation>
    </message>
</context>
<context>
    <name>reclens::ItemWhoGetsPanel</name>
    <message>
        <source>&amp;Find Users</source>
        <translation>查找用户(&amp;F)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Score every user with the model and list those whose top-K holds this item</source>
        <translation>用模型为每个用户打分，并列出前 K 项中包含此商品的用户</translation>
    </message>
    <message>
        <source>top-</source>
        <translation>前</translation>
    </message>
    <message>
        <source>Length of each user&apos;s list</source>
        <translation>每个用户的列表长度</translation>
    </message>
    <message>
        <source>Double-click a user to see their recommendations</source>
        <translation>双击某个用户可查看其推荐</translation>
    </message>
    <message>
        <source>&lt;b&gt;Who gets it&lt;/b&gt;</source>
        <translation>&lt;b&gt;谁会被推荐此商品&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Finding who gets the item</source>
        <translation>正在查找会被推荐此商品的用户</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Could not score the users: %1</source>
        <translation>无法为用户打分：%1</translation>
    </message>
    <message>
        <source>%1 of %2 users (%3%) get it in their top-%4; %5 have it in their history already.</source>
        <translation>%2 个用户中有 %1 个（%3%）的前 %4 项推荐包含此商品；另有 %5 个用户的历史中已有此商品。</translation>
    </message>
    <message>
        <source>Listing the first %1 by rank.</source>
        <translation>按名次列出前 %1 个。</translation>
    </message>
    <message>
        <source>Load a model on the Recommendations page to see who gets this item.</source>
        <translation>在“推荐”页面加载模型后即可查看此商品会被推荐给谁。</translation>
    </message>
    <message>
        <source>Choose an item.</source>
        <translation>请选择一个商品。</translation>
    </message>
    <message>
        <source>Scores all %1 users with %2; press Find Users.</source>
        <translation>将用 %2 为全部 %1 个用户打分；请点击“查找用户”。</translation>
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
    <message>
        <source>Show the items whose &quot;%1&quot; holds this value (an item with several values is shown under each of them)</source>
        <translation>显示“%1”包含此值的商品（有多个值的商品在每个值下都会显示）</translation>
    </message>
    <message>
        <source>Any %1</source>
        <translation>全部%1</translation>
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
    <name>reclens::LearningCurvePlot</name>
    <message>
        <source>Learning curve</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>training loss (left)</source>
        <translation>训练损失（左轴）</translation>
    </message>
    <message>
        <source>best: epoch %1</source>
        <translation>最佳：第 %1 轮</translation>
    </message>
    <message>
        <source>No learning curve stored with this model</source>
        <translation>此模型未保存学习曲线</translation>
    </message>
    <message>
        <source>validation NDCG@%1</source>
        <translation>验证集 NDCG@%1</translation>
    </message>
    <message>
        <source>validation NDCG</source>
        <translation>验证集 NDCG</translation>
    </message>
    <message>
        <source>%1 (right)</source>
        <translation>%1（右轴）</translation>
    </message>
    <message>
        <source>&lt;p&gt;After every epoch the model is scored on the validation part (each user&apos;s next-to-last item): %1. The dashed line marks the best epoch so far; the saved model keeps that epoch&apos;s weights.&lt;/p&gt;&lt;p&gt;Early stopping: training ends once %2 epochs in a row bring no better validation NDCG (the patience), or after %3 epochs.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每轮训练结束后，模型都在验证部分（每位用户的倒数第二个物品）上评分：%1。虚线标出目前最好的一轮；保存的模型保留该轮的权重。&lt;/p&gt;&lt;p&gt;提前停止：连续 %2 轮验证集 NDCG 没有提升（耐心值）即结束训练，最多训练 %3 轮。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Waiting for the first epoch…</source>
        <translation>正在等待第一轮…</translation>
    </message>
    <message>
        <source>Kept epoch %1 of %2, the best validation NDCG@%3 (%4).</source>
        <translation>保留第 %1 轮（共 %2 轮），其验证集 NDCG@%3 最高（%4）。</translation>
    </message>
    <message>
        <source>Stopped after %1 epochs without improvement (patience %2).</source>
        <translation>连续 %1 轮没有提升后停止（耐心值 %2）。</translation>
    </message>
    <message>
        <source>Ran all %1 epochs; the validation NDCG was still improving.</source>
        <translation>已训练全部 %1 轮；验证集 NDCG 仍在提升。</translation>
    </message>
    <message>
        <source>Ran all %1 epochs; the ones after it brought no improvement.</source>
        <translation>已训练全部 %1 轮；之后的各轮没有再提升。</translation>
    </message>
</context>
<context>
    <name>reclens::LiveFeedDock</name>
    <message>
        <source>Live Events</source>
        <translation>实时事件</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Stop following new events; when resumed, everything that landed meanwhile is read at once</source>
        <translation>停止跟踪新事件；恢复后，期间到达的所有事件会一次读入</translation>
    </message>
    <message>
        <source>Events that landed in the project per second, over the last two seconds</source>
        <translation>最近两秒内每秒写入项目的事件数</translation>
    </message>
    <message>
        <source>The newest events first; the shown user&apos;s in bold. Double-click to show that user</source>
        <translation>最新的事件在前；当前显示用户的事件以粗体显示。双击可显示该用户</translation>
    </message>
    <message>
        <source>Paused: new events are read when you resume.</source>
        <translation>已暂停：恢复后将读入新事件。</translation>
    </message>
    <message>
        <source>%1 events/s · %2 since the project was opened</source>
        <translation>%1 个事件/秒 · 打开项目以来共 %2 个</translation>
    </message>
</context>
<context>
    <name>reclens::LiveFeedModel</name>
    <message>
        <source>Item %1</source>
        <translation>商品 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>reclens::LiveWatcher</name>
    <message>
        <source>Stopped following the project: %1</source>
        <translation>已停止跟踪项目：%1</translation>
    </message>
</context>
<context>
    <name>reclens::LongTailPage</name>
    <message>
        <source>Popularity distribution</source>
        <translation>热度分布</translation>
    </message>
    <message>
        <source>Lorenz curves</source>
        <translation>洛伦兹曲线</translation>
    </message>
    <message>
        <source>Exposure by popularity tier</source>
        <translation>按热度层级的曝光</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Item coverage@K: share of the catalog recommended to at least one user</source>
        <translation>商品覆盖率@K：至少被推荐给一个用户的商品占商品目录的比例</translation>
    </message>
    <message>
        <source>Gini</source>
        <translation>基尼系数</translation>
    </message>
    <message>
        <source>Gini index of exposure over every catalog item, zeros included (0 = equal exposure, 1 = one item gets everything); RecBole&apos;s formula</source>
        <translation>商品目录中全部商品曝光的基尼系数，包含零曝光商品（0 = 曝光完全均等，1 = 全部曝光集中于一个商品）；采用 RecBole 的公式</translation>
    </message>
    <message>
        <source>ARP</source>
        <translation>ARP</translation>
    </message>
    <message>
        <source>Average recommendation popularity: mean train interactions of the listed items</source>
        <translation>平均推荐热度：列表中商品在训练集中的平均交互次数</translation>
    </message>
    <message>
        <source>APLT</source>
        <translation>APLT</translation>
    </message>
    <message>
        <source>Average percentage of long-tail items per list; the short head holds 80% of the train interactions, the long tail is the rest (Elliot)</source>
        <translation>每个列表中长尾商品的平均占比；短头部商品占训练集交互的 80%，其余为长尾（Elliot）</translation>
    </message>
    <message>
        <source>Tail %</source>
        <translation>尾部 %</translation>
    </message>
    <message>
        <source>Share of listed items among the least popular items (RecBole TailPercentage with the audit&apos;s tail ratio)</source>
        <translation>列表中属于热度最低商品的比例（RecBole TailPercentage，使用本次审计的尾部比例）</translation>
    </message>
    <message>
        <source>Novelty</source>
        <translation>新颖性</translation>
    </message>
    <message>
        <source>Mean self-information −log2(popularity share) of the recommended items, in bits (Castells)</source>
        <translation>推荐商品的平均自信息 −log2（热度占比），单位为比特（Castells）</translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation>多样性</translation>
    </message>
    <message>
        <source>Intra-list diversity: 1 − mean pairwise cosine similarity of the listed items&apos; embeddings</source>
        <translation>列表内多样性：1 − 列表中商品嵌入两两余弦相似度的平均值</translation>
    </message>
    <message>
        <source>Entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>Entropy of the exposure distribution over the catalog, in bits</source>
        <translation>曝光在商品目录上分布的熵，单位为比特</translation>
    </message>
    <message>
        <source>NDCG</source>
        <translation>NDCG</translation>
    </message>
    <message>
        <source>NDCG@K against each user&apos;s held-out items, for comparison with the long-tail metrics</source>
        <translation>基于每个用户留出商品计算的 NDCG@K，用于与长尾指标对比</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save a plot of this page as PNG or SVG</source>
        <translation>将此页面的图表保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Run an audit to see this plot</source>
        <translation>运行审计后即可查看此图</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>%1 of %2 items @%3</source>
        <translation>%1 / %2 个商品 @%3</translation>
    </message>
    <message>
        <source>train interactions: %1</source>
        <translation>训练集交互：%1</translation>
    </message>
    <message>
        <source>catalog mean %1</source>
        <translation>商品目录均值 %1</translation>
    </message>
    <message>
        <source>long tail: %1 items</source>
        <translation>长尾：%1 个商品</translation>
    </message>
    <message>
        <source>tail: least popular %1</source>
        <translation>尾部：热度最低的 %1</translation>
    </message>
    <message>
        <source>bits per item</source>
        <translation>比特/商品</translation>
    </message>
    <message>
        <source>1 − mean cosine</source>
        <translation>1 − 平均余弦</translation>
    </message>
    <message>
        <source>of at most %1 bits</source>
        <translation>最大为 %1 比特</translation>
    </message>
    <message>
        <source>recall %1 · %2 users</source>
        <translation>召回率 %1 · %2 个用户</translation>
    </message>
    <message>
        <source>The audit has no tier grouping</source>
        <translation>本次审计没有按热度层级分组</translation>
    </message>
    <message>
        <source>Equal exposure</source>
        <translation>均等曝光</translation>
    </message>
    <message>
        <source>Train interactions</source>
        <translation>训练集交互</translation>
    </message>
    <message>
        <source>Recommendation exposure</source>
        <translation>推荐曝光</translation>
    </message>
    <message>
        <source>%1 (Gini %2)</source>
        <translation>%1（基尼系数 %2）</translation>
    </message>
    <message>
        <source>Share of items, least exposed first</source>
        <translation>商品占比（曝光最少的在前）</translation>
    </message>
    <message>
        <source>Cumulative share</source>
        <translation>累计占比</translation>
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
        <translation>浏览商品目录及其热度层级</translation>
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
    <message>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Why the user gets each item: attribution heatmap, reason lines and graph paths</source>
        <translation>用户为何获得每个商品：归因热力图、推荐理由和图路径</translation>
    </message>
    <message>
        <source>Long Tail</source>
        <translation>长尾</translation>
    </message>
    <message>
        <source>Popularity, exposure concentration and the accuracy-coverage trade-off of the model</source>
        <translation>模型的热度分布、曝光集中度以及准确率与覆盖率的权衡</translation>
    </message>
    <message>
        <source>Fairness</source>
        <translation>公平性</translation>
    </message>
    <message>
        <source>Accuracy by user group, item exposure by group, counterfactual flips and audit reports</source>
        <translation>按用户群体的准确率、按群体的商品曝光、反事实翻转和审计报告</translation>
    </message>
    <message>
        <source>Embedding Map</source>
        <translation>嵌入分布图</translation>
    </message>
    <message>
        <source>Every item embedding projected to 2-D, by popularity tier or cluster</source>
        <translation>将所有商品嵌入投影到二维平面，按热度层级或聚类着色</translation>
    </message>
    <message>
        <source>Item View</source>
        <translation>商品视图</translation>
    </message>
    <message>
        <source>Search the catalog; similar items, bought together, who gets an item, exposure over time</source>
        <translation>搜索商品目录；相似商品、经常一起购买、谁会被推荐某商品、曝光随时间的变化</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <source>Edit a user&apos;s history and attributes, delist items or brands, replay the history over time</source>
        <translation>编辑用户的历史和属性，下架商品或品牌，按时间回放历史</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示(&amp;P)</translation>
    </message>
    <message>
        <source>Open a project to present it</source>
        <translation>请先打开项目再进行演示</translation>
    </message>
    <message>
        <source>Full screen, large type, a guided walk through the project (arrow keys, Esc)</source>
        <translation>全屏、大字号，引导式浏览整个项目（方向键、Esc）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is not in this project</source>
        <translation>%1 不在此项目中</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Filter the table of the Users or Items page; on any other page, search the catalog</source>
        <translation>在“用户”或“商品”页面筛选表格；在其他页面则搜索商品目录</translation>
    </message>
    <message>
        <source>Search &amp;Catalog</source>
        <translation>搜索商品目录(&amp;C)</translation>
    </message>
    <message>
        <source>Search the catalog by title, category, brand or id on the Item view</source>
        <translation>在商品视图中按标题、类目、品牌或 ID 搜索商品目录</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>添加书签(&amp;B)</translation>
    </message>
    <message>
        <source>Bookmark or un-bookmark the current user or item</source>
        <translation>为当前用户或商品添加或取消书签</translation>
    </message>
    <message>
        <source>Bookmarks and &amp;Notes</source>
        <translation>书签和备注(&amp;N)</translation>
    </message>
    <message>
        <source>Show or hide the list of bookmarked users and items</source>
        <translation>显示或隐藏已加书签的用户和商品列表</translation>
    </message>
    <message>
        <source>User %1 bookmarked</source>
        <translation>已为用户 %1 添加书签</translation>
    </message>
    <message>
        <source>User %1 no longer bookmarked</source>
        <translation>已取消用户 %1 的书签</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>仿真</translation>
    </message>
    <message>
        <source>Deploy the model in a simulated loop: policies side by side over rounds, with intervals</source>
        <translation>在模拟循环中部署模型：多种策略逐轮并排运行，并给出置信区间</translation>
    </message>
    <message>
        <source>&amp;Live Events</source>
        <translation>实时事件(&amp;L)</translation>
    </message>
    <message>
        <source>Show or hide the feed of events streamed into the open project</source>
        <translation>显示或隐藏写入当前项目的事件流</translation>
    </message>
</context>
<context>
    <name>reclens::MapCanvas</name>
    <message>
        <source>Density of all %1 items</source>
        <translation>全部 %1 个商品的密度</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>reclens::ModelInfoDialog</name>
    <message>
        <source>The stored learning curve cannot be read: %1</source>
        <translation>无法读取保存的学习曲线：%1</translation>
    </message>
    <message>
        <source>No learning curve is stored with this model.</source>
        <translation>此模型没有保存学习曲线。</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>%1, embedding size %2</source>
        <translation>%1，嵌入维度 %2</translation>
    </message>
    <message>
        <source>Trained by:</source>
        <translation>训练者：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>How the interactions were split into train, validation (early stopping) and test (the final figure); evaluate uses the same split unless told otherwise.</source>
        <translation>交互如何划分为训练集、验证集（提前停止）和测试集（最终指标）；除非另行指定，评估使用相同的划分。</translation>
    </message>
</context>
<context>
    <name>reclens::PresentationCaption</name>
    <message>
        <source>Step %1 of %2   ·   → or Space: next   ·   ←: back   ·   Esc: leave</source>
        <translation>第 %1 步，共 %2 步   ·   → 或空格：下一步   ·   ←：上一步   ·   Esc：退出</translation>
    </message>
</context>
<context>
    <name>reclens::PresentationMode</name>
    <message>
        <source>Meet customer %1</source>
        <translation>认识顾客 %1</translation>
    </message>
    <message>
        <source>The most active customer of this shop: %1 interactions. Everything that follows is about what the model does for them.</source>
        <translation>本店最活跃的顾客：共 %1 次交互。接下来的内容都将展示模型为这位顾客做了什么。</translation>
    </message>
    <message>
        <source>What the model recommends</source>
        <translation>模型推荐了什么</translation>
    </message>
    <message>
        <source>The top-K for %1 under the current model, with each item&apos;s popularity tier and a one-line reason.</source>
        <translation>当前模型为 %1 给出的前 K 项推荐，附每个商品的热度层级和一句话理由。</translation>
    </message>
    <message>
        <source>Why these items</source>
        <translation>为什么是这些商品</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>假如…</translation>
    </message>
    <message>
        <source>We take the heaviest item out of %1&apos;s history. The list, the attributions and the graph are recomputed live; Ctrl+Z brings the item back.</source>
        <translation>我们从 %1 的历史中移除权重最高的商品。列表、归因和图会实时重新计算；按 Ctrl+Z 可恢复该商品。</translation>
    </message>
    <message>
        <source>Remove the heaviest history item</source>
        <translation>移除权重最高的历史商品</translation>
    </message>
    <message>
        <source>Does the long tail get a chance?</source>
        <translation>长尾商品有机会吗？</translation>
    </message>
    <message>
        <source>Over all users: how concentrated exposure is (Lorenz curve, Gini), how much of the catalog is ever recommended, and what a popularity penalty would trade against accuracy.</source>
        <translation>基于全部用户：曝光有多集中（洛伦兹曲线、基尼系数），商品目录中有多少商品曾被推荐，以及热度惩罚要以多少准确率为代价。</translation>
    </message>
    <message>
        <source>Is it fair?</source>
        <translation>公平吗？</translation>
    </message>
    <message>
        <source>Accuracy per user group with confidence intervals, the gaps between groups, and item exposure by group against its share of the catalog.</source>
        <translation>各用户群体的准确率及其置信区间、群体间的差距，以及各群体商品的曝光与其在商品目录中所占份额的对比。</translation>
    </message>
    <message>
        <source>What sets each recommended item apart: its score, compared with the other rows, split over the inputs (history items, user attributes and item attributes). The graph shows which paths through the interaction graph carried the score.</source>
        <translation>每个推荐商品与众不同之处：将它的得分与其他行相比较，并按输入拆分（历史商品、用户属性和商品属性）。图中显示交互图上的哪些路径贡献了得分。</translation>
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
    <message>
        <source>Calibration κ (Steck 2018): brings the list&apos;s mix of categories towards the mix of the user&apos;s history, trading relevance against the KL divergence between the two (0 = off)</source>
        <translation>校准 κ（Steck 2018）：使列表的品类构成接近用户历史的品类构成，在相关性与两者之间的 KL 散度之间权衡（0 = 关闭）</translation>
    </message>
    <message>
        <source>&amp;Calibration:</source>
        <translation>校准(&amp;C)：</translation>
    </message>
    <message>
        <source>User-a&amp;ware penalty:</source>
        <translation>用户感知惩罚(&amp;W)：</translation>
    </message>
    <message>
        <source>User-aware popularity penalty λ: the popularity penalty scaled by the share of the user&apos;s history outside the popular items, so users of niche taste get nearly all of it and blockbuster users little (0 = off)</source>
        <translation>用户感知热度惩罚 λ：按用户历史中非热门商品的占比缩放热度惩罚，小众口味的用户几乎承受全部惩罚，大众口味的用户则很少（0 = 关闭）</translation>
    </message>
    <message>
        <source>Pro&amp;vider fairness:</source>
        <translation>供应方公平(&amp;V)：</translation>
    </message>
    <message>
        <source>Provider fairness φ: brings the list&apos;s position-weighted exposure of the provider groups towards each group&apos;s share of the catalog, trading relevance against the distance between the two (0 = off)</source>
        <translation>供应方公平 φ：使列表中各供应方分组按位置加权的曝光接近各分组在商品目录中的占比，在相关性与两者差距之间权衡（0 = 关闭）</translation>
    </message>
    <message>
        <source>The provider groups of provider fairness: an item field, or the popularity tiers</source>
        <translation>供应方公平所用的供应方分组：某个商品字段，或热度层级</translation>
    </message>
    <message>
        <source>Provider groups</source>
        <translation>供应方分组</translation>
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
    <message>
        <source>Why</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>Score %1 = common part %2 (what the average user gets for this item) + personal part %3 (what this user&apos;s own vector adds)</source>
        <translation>得分 %1 = 共同部分 %2（平均用户对此商品得到的得分）+ 个人部分 %3（该用户自己的向量增加的部分）</translation>
    </message>
    <message>
        <source>The common part of the score: what the average user of the project gets for this item (mostly popularity). Click to sort.</source>
        <translation>得分的共同部分：项目的平均用户对此商品得到的得分（多半是热度）。点击排序。</translation>
    </message>
    <message>
        <source>The personal part of the score: what this user&apos;s own vector adds to or takes from the common part. Sort by it to see what is recommended to this user in particular.</source>
        <translation>得分的个人部分：该用户自己的向量在共同部分之上增加或减少的得分。按它排序，可以看到专门推荐给该用户的商品。</translation>
    </message>
    <message>
        <source>Common</source>
        <translation>共同</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>What raises this user&apos;s personal part of the score most (the score against the average user&apos;s); when one item rests on history items the other recommendations do not, those are named instead</source>
        <translation>最能提高该用户个人部分得分的因素（相对于平均用户的得分）；若某个商品依赖其他推荐所不依赖的历史商品，则改为列出这些历史商品</translation>
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
    <message>
        <source>The model %1 was not loaded: %2</source>
        <translation>未加载模型 %1：%2</translation>
    </message>
    <message>
        <source>&amp;About Model…</source>
        <translation>关于模型(&amp;A)…</translation>
    </message>
    <message>
        <source>The chosen model&apos;s file, kind and learning curve: which epoch it keeps and why</source>
        <translation>所选模型的文件、类型和学习曲线：保留了哪一轮以及原因</translation>
    </message>
    <message>
        <source>Why Is One Above the Other?</source>
        <translation>为什么一个排在另一个之上？</translation>
    </message>
    <message>
        <source>Select two rows (Ctrl+click) to explain why the higher one scores above the other</source>
        <translation>选择两行（Ctrl+单击），解释排名较高的一项为何得分更高</translation>
    </message>
    <message>
        <source>Why Is “%1” Above “%2”?</source>
        <translation>为什么“%1”排在“%2”之上？</translation>
    </message>
    <message>
        <source>Explain the difference of the two scores on the Explanation page: which history items and fields lift “%1” above “%2”</source>
        <translation>在解释页面上解释两个得分之差：哪些历史商品和字段把“%1”抬到“%2”之上</translation>
    </message>
    <message>
        <source>category miscalibration %1 (model&apos;s own list %2)</source>
        <translation>品类失准度 %1（模型原始列表 %2）</translation>
    </message>
    <message>
        <source>category miscalibration %1</source>
        <translation>品类失准度 %1</translation>
    </message>
    <message>
        <source>Category miscalibration: Steck&apos;s KL divergence between the categories of the user&apos;s history and of this list (0 = the same mix; docs/metrics.md). The Calibration knob lowers it.</source>
        <translation>品类失准度：用户历史与本列表品类分布之间的 Steck KL 散度（0 = 构成相同；见 docs/metrics.md）。“校准”滑块可降低它。</translation>
    </message>
</context>
<context>
    <name>reclens::ReplayController</name>
    <message>
        <source>Replay:</source>
        <translation>回放：</translation>
    </message>
    <message>
        <source>Play the history from its start, recomputing at each step</source>
        <translation>从头回放历史，每一步都重新计算</translation>
    </message>
    <message>
        <source>Cut the history at this time; the right end is the whole history</source>
        <translation>在此时间点截断历史；最右端表示完整历史</translation>
    </message>
    <message>
        <source>0.5×</source>
        <translation>0.5×</translation>
    </message>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>2×</source>
        <translation>2×</translation>
    </message>
    <message>
        <source>5×</source>
        <translation>5×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>no history</source>
        <translation>无历史</translation>
    </message>
    <message>
        <source>%1 · step %2 of %3</source>
        <translation>%1 · 第 %2 步，共 %3 步</translation>
    </message>
    <message numerus="yes">
        <source>whole history · %n step(s)</source>
        <translation>
            <numerusform>完整历史 · %n 步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>reclens::RunComparisonDialog</name>
    <message>
        <source>&amp;Significant changes only</source>
        <translation>仅显示显著变化(&amp;S)</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Compare Audit Runs</source>
        <translation>比较审计运行</translation>
    </message>
    <message>
        <source>Run A: the reference (for example the model without a re-ranker)</source>
        <translation>运行 A：参照（例如未重排的模型）</translation>
    </message>
    <message>
        <source>Run B: compared with A; differences are B − A</source>
        <translation>运行 B：与 A 比较；差值为 B − A</translation>
    </message>
    <message>
        <source>Filter metrics (e.g. NDCG, region, Gini)</source>
        <translation>筛选指标（例如 NDCG、region、Gini）</translation>
    </message>
    <message>
        <source>Show only the rows whose paired interval excludes 0</source>
        <translation>只显示配对区间不含 0 的行</translation>
    </message>
    <message>
        <source>Write the comparison as a self-contained HTML page</source>
        <translation>将比较结果写成独立的 HTML 页面</translation>
    </message>
    <message>
        <source>Run &amp;A:</source>
        <translation>运行 &amp;A：</translation>
    </message>
    <message>
        <source>Run &amp;B:</source>
        <translation>运行 &amp;B：</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>The audit on screen (not saved)</source>
        <translation>当前屏幕上的审计（未保存）</translation>
    </message>
    <message>
        <source> (re-ranked: %1)</source>
        <translation>（已重排：%1）</translation>
    </message>
    <message>
        <source>Cannot read the saved runs: %1</source>
        <translation>无法读取已保存的运行：%1</translation>
    </message>
    <message>
        <source>The project has no saved audit runs: run an audit and press Save Run… to keep one, then save another (for example with a re-ranker) to compare.</source>
        <translation>项目中没有已保存的审计运行：先运行审计并点击“保存运行…”保留一次，再保存另一次（例如启用重排）即可比较。</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Could not compare the runs: %1</source>
        <translation>无法比较这些运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>Paired over the %1 users with a held-out item in both runs (95% bootstrap, %2 resamples): %n row(s) changed significantly (bold, ▲/▼).</source>
        <translation>
            <numerusform>按两次运行中都有留出商品的 %1 个用户配对（95% 自助法，%2 次重抽样）：%n 行有显著变化（粗体，▲/▼）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>There is no comparison to export</source>
        <translation>没有可导出的比较</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export Comparison Report</source>
        <translation>导出比较报告</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <source>Could not export the comparison</source>
        <translation>无法导出比较</translation>
    </message>
</context>
<context>
    <name>reclens::RunComparisonModel</name>
    <message numerus="yes">
        <source>Changed significantly: the 95% paired bootstrap interval of B − A over %n user(s) excludes 0</source>
        <translation>
            <numerusform>显著变化：%n 个用户上 B − A 的 95% 配对自助法区间不含 0</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not a significant change: the 95% paired bootstrap interval over %n user(s) includes 0</source>
        <translation>
            <numerusform>无显著变化：%n 个用户上的 95% 配对自助法区间包含 0</numerusform>
        </translation>
    </message>
    <message>
        <source>A statistic of the whole run (or runs that cannot be paired): the difference has no interval</source>
        <translation>整次运行的统计量（或无法配对的运行）：差值没有区间</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>95% interval (paired)</source>
        <translation>95% 区间（配对）</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确性</translation>
    </message>
    <message>
        <source>Long tail</source>
        <translation>长尾</translation>
    </message>
    <message>
        <source>Fairness</source>
        <translation>公平性</translation>
    </message>
    <message>
        <source>Popularity lift</source>
        <translation>热度提升</translation>
    </message>
    <message>
        <source>Item groups</source>
        <translation>商品分组</translation>
    </message>
    <message>
        <source>Flips</source>
        <translation>反事实翻转</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationForm</name>
    <message>
        <source>The model&apos;s top-K, without exploration.</source>
        <translation>模型的前 K 项，不做探索。</translation>
    </message>
    <message>
        <source>Each slot shows, with probability ε, a uniformly drawn item instead of the model&apos;s pick.</source>
        <translation>每个位置以概率 ε 展示一个均匀随机抽取的商品，而非模型的选择。</translation>
    </message>
    <message>
        <source>Linear Thompson sampling over the model&apos;s item vectors: ranks by a draw from each user&apos;s posterior (parameter: prior spread).</source>
        <translation>基于模型商品向量的线性汤普森采样：按从每个用户后验分布中抽取的样本排序（参数：先验离散度）。</translation>
    </message>
    <message>
        <source>LinUCB over the model&apos;s item vectors: ranks by the posterior mean plus α posterior standard deviations.</source>
        <translation>基于模型商品向量的 LinUCB：按后验均值加 α 倍后验标准差排序。</translation>
    </message>
    <message>
        <source>K uniformly drawn items: the floor.</source>
        <translation>均匀随机抽取 K 个商品：作为下限。</translation>
    </message>
    <message>
        <source>The popularity penalty re-ranker of the Recommendations page with strength λ.</source>
        <translation>“推荐”页面的热度惩罚重排器，强度为 λ。</translation>
    </message>
    <message>
        <source>The MMR diversity re-ranker of the Recommendations page with weight μ.</source>
        <translation>“推荐”页面的 MMR 多样性重排器，权重为 μ。</translation>
    </message>
    <message>
        <source>At most n items of one category per slate.</source>
        <translation>每个推荐列表中同一类目最多 n 个商品。</translation>
    </message>
    <message>
        <source>The truth&apos;s best slate: the ceiling, with zero regret by definition.</source>
        <translation>真实模型给出的最佳列表：作为上限，按定义遗憾为零。</translation>
    </message>
    <message>
        <source>ε: the chance that a slot is explored.</source>
        <translation>ε：某个位置被用于探索的概率。</translation>
    </message>
    <message>
        <source>Prior spread of the per-user correction, in probability units.</source>
        <translation>每用户修正项的先验离散度，以概率为单位。</translation>
    </message>
    <message>
        <source>α: how many posterior standard deviations the exploration bonus adds.</source>
        <translation>α：探索奖励所加的后验标准差倍数。</translation>
    </message>
    <message>
        <source>λ: how strongly popular items are pushed down.</source>
        <translation>λ：热门商品被压低的力度。</translation>
    </message>
    <message>
        <source>μ: the weight of diversity against relevance.</source>
        <translation>μ：多样性相对于相关性的权重。</translation>
    </message>
    <message>
        <source>n: the most items of one category in a slate.</source>
        <translation>n：一个推荐列表中同一类目的最多商品数。</translation>
    </message>
    <message>
        <source>How many rounds of recommend → respond → update to play.</source>
        <translation>要进行多少轮“推荐 → 响应 → 更新”。</translation>
    </message>
    <message>
        <source>Users shown a slate each round, a seeded sample; 0 means every user.</source>
        <translation>每轮展示推荐列表的用户数（按种子抽样）；0 表示全部用户。</translation>
    </message>
    <message>
        <source>Length of the slate each user is shown per round.</source>
        <translation>每轮向每个用户展示的推荐列表长度。</translation>
    </message>
    <message>
        <source>Re-train the model (warm start) every N rounds on the data plus the simulated takes; 0 keeps it frozen.</source>
        <translation>每 N 轮在原数据加上模拟接受记录上重新训练模型（热启动）；0 表示保持模型冻结。</translation>
    </message>
    <message>
        <source>Epochs of each re-training.</source>
        <translation>每次重新训练的轮数（epoch）。</translation>
    </message>
    <message>
        <source>Re-train on the last N rounds&apos; interactions only (one day per round; the project&apos;s log leaves the window as it ages), as a shop that re-trains on recent data does: the model then learns mostly from what it showed. 0 re-trains on all the data.</source>
        <translation>只用最近 N 轮的交互重新训练（每轮为一天；项目日志随时间移出窗口），如同只用近期数据重新训练的商店：模型主要从它自己展示过的内容中学习。0 表示用全部数据重新训练。</translation>
    </message>
    <message>
        <source>all the data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source> rounds</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Independent repetitions; the bands are 95% intervals over them.</source>
        <translation>独立重复次数；阴影带为这些重复的 95% 区间。</translation>
    </message>
    <message>
        <source>Seed of the first repetition; repetition s uses this seed + s, so a run is reproducible.</source>
        <translation>第一次重复的种子；第 s 次重复使用该种子 + s，因此运行可复现。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>never (frozen)</source>
        <translation>从不（冻结）</translation>
    </message>
    <message>
        <source>Position-based</source>
        <translation>基于位置</translation>
    </message>
    <message>
        <source>Cascade</source>
        <translation>级联</translation>
    </message>
    <message>
        <source>How users look down a slate: position-based looks at rank r with probability 1/r^η; cascade reads from the top and stops at the first take.</source>
        <translation>用户如何浏览推荐列表：基于位置模型以概率 1/r^η 查看第 r 位；级联模型从顶部往下读，在第一次接受处停止。</translation>
    </message>
    <message>
        <source>η of the position-based model: 0 looks at every rank, larger values favour the top.</source>
        <translation>基于位置模型的 η：0 表示查看每个位置，值越大越偏向顶部。</translation>
    </message>
    <message>
        <source>Appeal of an item as likely as a uniform pick in the truth (generated projects).</source>
        <translation>真实模型中，被选概率与均匀抽取相当的商品的吸引力（生成的项目）。</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>&amp;Rounds:</source>
        <translation>轮数(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Users per round:</source>
        <translation>每轮用户数(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;K:</source>
        <translation>&amp;K：</translation>
    </message>
    <message>
        <source>E&amp;xamination:</source>
        <translation>查看模型(&amp;X)：</translation>
    </message>
    <message>
        <source>Re-&amp;train every:</source>
        <translation>重新训练间隔(&amp;T)：</translation>
    </message>
    <message>
        <source>E&amp;pochs:</source>
        <translation>训练轮数(&amp;P)：</translation>
    </message>
    <message>
        <source>Training &amp;window:</source>
        <translation>训练窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Seeds:</source>
        <translation>种子数(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;First seed:</source>
        <translation>首个种子(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Appeal scale:</source>
        <translation>吸引力尺度(&amp;A)：</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>The policies run side by side on the same random numbers.</source>
        <translation>各策略在相同的随机数上并排运行。</translation>
    </message>
    <message>
        <source>Items drawn per held-out item when fitting the truth model&apos;s link: sets the overall level of engagement, not the order.</source>
        <translation>拟合真值模型的链接函数时，每个留出物品抽取的物品数：决定整体参与水平，不影响排序。</translation>
    </message>
    <message>
        <source>Truth</source>
        <translation>真值</translation>
    </message>
    <message>
        <source>What the simulated users answer from.</source>
        <translation>模拟用户依据什么作出响应。</translation>
    </message>
    <message>
        <source>Generated tastes: a generated project&apos;s true tastes of every user. A model: a model trained on all the data stands in for the users (imported projects); its scores become probabilities through a link fitted on held-out items. That is an assumption, and the report says so.</source>
        <translation>生成的偏好：生成项目中每个用户的真实偏好。模型：用在全部数据上训练的模型代替用户（导入的项目）；其分数通过在留出物品上拟合的链接函数转换为概率。这是一个假设，报告中会注明。</translation>
    </message>
    <message>
        <source>&amp;Users answer from:</source>
        <translation>用户响应依据(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Negatives:</source>
        <translation>负样本数(&amp;N)：</translation>
    </message>
    <message>
        <source>Generated tastes</source>
        <translation>生成的偏好</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>The calibrated re-ranker of the Recommendations page (Steck 2018): brings each slate&apos;s category mix towards the user&apos;s history so far.</source>
        <translation>推荐页面的校准重排序器（Steck 2018）：使每个推荐位列表的品类构成接近用户迄今为止的历史。</translation>
    </message>
    <message>
        <source>κ: the weight of calibration against relevance.</source>
        <translation>κ：校准相对于相关性的权重。</translation>
    </message>
    <message>
        <source>The provider-fair re-ranker of the Recommendations page: brings each slate&apos;s position-weighted exposure of the brands (of the popularity tiers without brands) towards their share of the catalog.</source>
        <translation>推荐页面的供应方公平重排器：使每个推荐位列表中各品牌（无品牌时为各热度层级）按位置加权的曝光接近其在商品目录中的占比。</translation>
    </message>
    <message>
        <source>The user-aware popularity penalty of the Recommendations page: λ scaled by the share of the user&apos;s history so far outside the popular items.</source>
        <translation>推荐页面的用户感知热度惩罚：λ 按用户迄今历史中非热门商品的占比缩放。</translation>
    </message>
    <message>
        <source>φ: the weight of provider exposure fairness against relevance.</source>
        <translation>φ：供应方曝光公平相对于相关性的权重。</translation>
    </message>
    <message>
        <source>λ: the penalty of a user whose history holds no popular item.</source>
        <translation>λ：历史中没有热门商品的用户所受的惩罚。</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationLabels</name>
    <message>
        <source>Items taken per user</source>
        <translation>每用户接受商品数</translation>
    </message>
    <message>
        <source>Cumulative takes per user</source>
        <translation>每用户累计接受数</translation>
    </message>
    <message>
        <source>Expected takes per user</source>
        <translation>每用户期望接受数</translation>
    </message>
    <message>
        <source>Regret per user</source>
        <translation>每用户遗憾</translation>
    </message>
    <message>
        <source>Cumulative regret per user</source>
        <translation>每用户累计遗憾</translation>
    </message>
    <message>
        <source>Coverage (round)</source>
        <translation>覆盖率（本轮）</translation>
    </message>
    <message>
        <source>Coverage (so far)</source>
        <translation>覆盖率（累计）</translation>
    </message>
    <message>
        <source>Exposure Gini</source>
        <translation>曝光基尼系数</translation>
    </message>
    <message>
        <source>APLT</source>
        <translation>APLT</translation>
    </message>
    <message>
        <source>Long-tail exposure share</source>
        <translation>长尾曝光占比</translation>
    </message>
    <message>
        <source>Novelty (bits)</source>
        <translation>新颖度（比特）</translation>
    </message>
    <message>
        <source>Intra-list diversity</source>
        <translation>列表内多样性</translation>
    </message>
    <message>
        <source>Homogenisation (Jaccard)</source>
        <translation>同质化（Jaccard）</translation>
    </message>
    <message>
        <source>Planted brand exposure share</source>
        <translation>预设品牌曝光占比</translation>
    </message>
    <message>
        <source>Interest drift (total variation)</source>
        <translation>兴趣漂移（总变差）</translation>
    </message>
    <message>
        <source>NDCG against the truth</source>
        <translation>相对真实模型的 NDCG</translation>
    </message>
    <message>
        <source>Gap in NDCG by %1</source>
        <translation>按%1分组的 NDCG 差距</translation>
    </message>
    <message>
        <source>Exposure gap by %1</source>
        <translation>按%1的曝光差距</translation>
    </message>
    <message>
        <source>Exposure share of %1 %2</source>
        <translation>%1 %2 的曝光份额</translation>
    </message>
    <message>
        <source>Gap in takes per user by %1</source>
        <translation>按%1分组的每用户接受数差距</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationPage</name>
    <message>
        <source>&amp;Run Simulation</source>
        <translation>运行仿真(&amp;R)</translation>
    </message>
    <message>
        <source>Play the rounds for every checked policy off the GUI thread; Cancel stops it.</source>
        <translation>在后台线程中为每个选中的策略运行各轮；“取消”可停止。</translation>
    </message>
    <message>
        <source>Final round of each policy: mean ± half-width of the 95% interval over seeds.</source>
        <translation>每个策略最后一轮的结果：各种子的均值 ± 95% 区间半宽。</translation>
    </message>
    <message>
        <source>Final Figures</source>
        <translation>最终结果</translation>
    </message>
    <message>
        <source>Round Slates</source>
        <translation>各轮推荐列表</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Save the shown result as JSON, or open one to view it without re-running.</source>
        <translation>将显示的结果保存为 JSON，或打开已有结果而无需重新运行。</translation>
    </message>
    <message>
        <source>&amp;Save Result…</source>
        <translation>保存结果(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the finished run (configuration, every seed&apos;s rounds, summary) as JSON.</source>
        <translation>将完成的运行（配置、每个种子的各轮数据、汇总）写为 JSON。</translation>
    </message>
    <message>
        <source>&amp;Open Result…</source>
        <translation>打开结果(&amp;O)…</translation>
    </message>
    <message>
        <source>Show a run saved earlier here or by reclens-cli simulate --out.</source>
        <translation>显示此前在此处或由 reclens-cli simulate --out 保存的运行。</translation>
    </message>
    <message>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <source>A simulation is already running.</source>
        <translation>已有仿真正在运行。</translation>
    </message>
    <message>
        <source>Load or train a model on the Recommendations page first.</source>
        <translation>请先在“推荐”页面加载或训练模型。</translation>
    </message>
    <message>
        <source>Save Simulation Result</source>
        <translation>保存仿真结果</translation>
    </message>
    <message>
        <source>Simulation results (*.json)</source>
        <translation>仿真结果 (*.json)</translation>
    </message>
    <message>
        <source>Could not save the result</source>
        <translation>无法保存结果</translation>
    </message>
    <message>
        <source>Open Simulation Result</source>
        <translation>打开仿真结果</translation>
    </message>
    <message>
        <source>Simulation results (*.json);;All files (*)</source>
        <translation>仿真结果 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open the result</source>
        <translation>无法打开结果</translation>
    </message>
    <message>
        <source>Run a simulation to see this plot</source>
        <translation>运行仿真后即可查看此图</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>%1 rounds · K = %2 · %3 · %4 seed(s) · users per round: %5 · %6 · model %7 · %8 s&lt;br&gt;Truth: %9</source>
        <translation>%1 轮 · K = %2 · %3 · %4 个种子 · 每轮用户数：%5 · %6 · 模型 %7 · %8 秒&lt;br&gt;真实模型：%9</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>re-trained every %1 rounds</source>
        <translation>每 %1 轮重新训练</translation>
    </message>
    <message>
        <source>re-trained every %1 rounds on the last %2 rounds&apos; data</source>
        <translation>每 %1 轮用最近 %2 轮的数据重新训练</translation>
    </message>
    <message>
        <source>frozen model</source>
        <translation>冻结模型</translation>
    </message>
    <message>
        <source>Model: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>模型：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Load or train a model on the Recommendations page to simulate it.</source>
        <translation>请在“推荐”页面加载或训练模型后再进行仿真。</translation>
    </message>
    <message>
        <source>Click a point of the plot to list that round&apos;s slates.</source>
        <translation>点击图中的点即可列出该轮的推荐列表。</translation>
    </message>
    <message>
        <source>Choose the policies and the loop, then run.</source>
        <translation>选择策略和循环设置，然后运行。</translation>
    </message>
    <message>
        <source>Save HTML &amp;Report…</source>
        <translation>保存 HTML 报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a self-contained HTML report: the configuration, the truth, the final figures with intervals, the group gaps and the charts, stamped with the project, model and versions.</source>
        <translation>写出独立的 HTML 报告：配置、真值、带区间的最终指标、群组差距和图表，并标注项目、模型和版本。</translation>
    </message>
    <message>
        <source>Save Simulation Report</source>
        <translation>保存模拟报告</translation>
    </message>
    <message>
        <source>HTML reports (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <source>Could not save the report</source>
        <translation>无法保存报告</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationPlot</name>
    <message>
        <source>The figure plotted against the round, for every policy.</source>
        <translation>按轮绘制的指标，每个策略一条线。</translation>
    </message>
    <message>
        <source>Each line is a policy&apos;s mean over the seeds finished so far, the band its 95% interval; click a point to see that round&apos;s slates.</source>
        <translation>每条线是一个策略在已完成种子上的均值，阴影带为其 95% 区间；点击某个点可查看该轮的推荐列表。</translation>
    </message>
    <message>
        <source>Simulation</source>
        <translation>仿真</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the plot as PNG or SVG, or its numbers as CSV.</source>
        <translation>将图保存为 PNG 或 SVG，或将其数值保存为 CSV。</translation>
    </message>
    <message>
        <source>Plot as PNG or SVG…</source>
        <translation>图（PNG 或 SVG）…</translation>
    </message>
    <message>
        <source>Numbers as CSV…</source>
        <translation>数值（CSV）…</translation>
    </message>
    <message>
        <source>&amp;Plot:</source>
        <translation>绘图(&amp;P)：</translation>
    </message>
    <message>
        <source>Run a simulation to see this plot</source>
        <translation>运行仿真后即可查看此图</translation>
    </message>
    <message>
        <source>Waiting for the first round…</source>
        <translation>正在等待第一轮…</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>种子数</translation>
    </message>
    <message>
        <source>Export Numbers</source>
        <translation>导出数值</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>This figure does not apply to this run</source>
        <translation>此指标不适用于本次运行</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationService</name>
    <message>
        <source>Simulating %1 rounds</source>
        <translation>正在仿真 %1 轮</translation>
    </message>
    <message>
        <source>The simulation was cancelled.</source>
        <translation>仿真已取消。</translation>
    </message>
    <message>
        <source>The simulation could not run: %1</source>
        <translation>仿真无法运行：%1</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationSlateView</name>
    <message>
        <source>Open in &amp;Recommendations</source>
        <translation>在“推荐”中打开(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xplain Item</source>
        <translation>解释商品(&amp;X)</translation>
    </message>
    <message>
        <source>The policy whose slate is listed.</source>
        <translation>所列推荐列表对应的策略。</translation>
    </message>
    <message>
        <source>The round whose slate is listed (click a point of the plot to choose it).</source>
        <translation>所列推荐列表对应的轮次（点击图中的点即可选择）。</translation>
    </message>
    <message>
        <source>user id</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>External id of a user shown a slate in that round; press Enter to list it.</source>
        <translation>该轮被展示推荐列表的用户的外部 ID；按回车键列出。</translation>
    </message>
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
        <source>Taken</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>The slate in the order shown; a tick marks an item the simulated user took.</source>
        <translation>按展示顺序排列的推荐列表；勾号表示模拟用户接受的商品。</translation>
    </message>
    <message>
        <source>Show this user&apos;s current recommendations on the Recommendations page.</source>
        <translation>在“推荐”页面显示该用户当前的推荐。</translation>
    </message>
    <message>
        <source>Explain the selected item for this user on the Explanation page.</source>
        <translation>在“解释”页面为该用户解释所选商品。</translation>
    </message>
    <message>
        <source>&amp;Policy:</source>
        <translation>策略(&amp;P)：</translation>
    </message>
    <message>
        <source>R&amp;ound:</source>
        <translation>轮次(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>User %1 was not shown a slate in round %2.</source>
        <translation>用户 %1 在第 %2 轮未被展示推荐列表。</translation>
    </message>
    <message>
        <source>Run a simulation to see the slates of its rounds.</source>
        <translation>运行仿真后即可查看各轮的推荐列表。</translation>
    </message>
    <message>
        <source>This result belongs to another project; its slates cannot be shown here.</source>
        <translation>此结果属于其他项目，无法在此显示其推荐列表。</translation>
    </message>
    <message>
        <source>The slates are not kept in a saved result; run the simulation again to see them.</source>
        <translation>保存的结果中不含推荐列表；请重新运行仿真以查看。</translation>
    </message>
    <message numerus="yes">
        <source>Round %1, policy %2, seed %3: %4 of %n item(s) taken.</source>
        <translation>
            <numerusform>第 %1 轮，策略 %2，种子 %3：%n 个商品中接受了 %4 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>No user was shown a slate in this round.</source>
        <translation>本轮没有用户被展示推荐列表。</translation>
    </message>
</context>
<context>
    <name>reclens::SimulationSummaryModel</name>
    <message>
        <source>No figure: this metric does not apply to the run.</source>
        <translation>无数值：此指标不适用于本次运行。</translation>
    </message>
    <message numerus="yes">
        <source>Mean %1 over %n seed(s); 95% interval [%2, %3]</source>
        <translation>
            <numerusform>%n 个种子的均值 %1；95% 区间 [%2, %3]</numerusform>
        </translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
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
    <name>reclens::TradeoffPanel</name>
    <message>
        <source>Re-ranking trade-off</source>
        <translation>重排权衡</translation>
    </message>
    <message>
        <source>Popularity penalty</source>
        <translation>热度惩罚</translation>
    </message>
    <message>
        <source>User-aware penalty</source>
        <translation>用户感知惩罚</translation>
    </message>
    <message>
        <source>Diversity (MMR)</source>
        <translation>多样性（MMR）</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>Provider fairness</source>
        <translation>供应方公平</translation>
    </message>
    <message>
        <source>The re-ranking knob swept from off to full, every other knob off</source>
        <translation>从关闭到最大逐步扫描的重排参数，其他参数均关闭</translation>
    </message>
    <message>
        <source>The metric on the horizontal axis</source>
        <translation>横轴上的指标</translation>
    </message>
    <message>
        <source>The metric on the vertical axis</source>
        <translation>纵轴上的指标</translation>
    </message>
    <message>
        <source>S&amp;weep:</source>
        <translation>扫描(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;X:</source>
        <translation>&amp;X：</translation>
    </message>
    <message>
        <source>&amp;Y:</source>
        <translation>&amp;Y：</translation>
    </message>
    <message>
        <source>Trade-off: %1 values of %2 on a sample of %3 users with a held-out item (seed %4); each list is the model&apos;s candidates re-ranked with this knob alone, measured @K against held-out items.</source>
        <translation>权衡：%2 的 %1 个取值，基于 %3 个有留出商品的抽样用户（种子 %4）；每个列表都是仅用该参数重排的模型候选，按 @K 与留出商品对比评估。</translation>
    </message>
    <message>
        <source>Sweeping %1 on %2 users…</source>
        <translation>正在对 %2 个用户扫描%1…</translation>
    </message>
    <message>
        <source>NDCG@%1</source>
        <translation>NDCG@%1</translation>
    </message>
    <message>
        <source>Recall@%1</source>
        <translation>召回率@%1</translation>
    </message>
    <message>
        <source>HR@%1</source>
        <translation>命中率@%1</translation>
    </message>
    <message>
        <source>Item coverage@%1 (%)</source>
        <translation>商品覆盖率@%1（%）</translation>
    </message>
    <message>
        <source>Gini of exposure</source>
        <translation>曝光基尼系数</translation>
    </message>
    <message>
        <source>APLT (%)</source>
        <translation>APLT（%）</translation>
    </message>
    <message>
        <source>ARP (mean train count)</source>
        <translation>ARP（平均训练次数）</translation>
    </message>
    <message>
        <source>Miscalibration (KL)</source>
        <translation>失准度（KL）</translation>
    </message>
    <message>
        <source>Provider exposure distance</source>
        <translation>供应方曝光距离</translation>
    </message>
    <message>
        <source>NDCG@%1 gap by %2</source>
        <translation>按 %2 分组的 NDCG@%1 差距</translation>
    </message>
    <message>
        <source>Total variation between the lists&apos; position-weighted exposure of the %1 groups and their catalog shares</source>
        <translation>列表中 %1 各分组按位置加权的曝光与其商品目录占比之间的全变差距离</translation>
    </message>
    <message>
        <source>Sweeping…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Not defined for this audit (too few users per group?)</source>
        <translation>本次审计无法定义（每组用户太少？）</translation>
    </message>
    <message>
        <source>%1 %2 from 0 to %3</source>
        <translation>%1 %2 从 0 到 %3</translation>
    </message>
    <message>
        <source>Current %1 = %2 (Recommendations page)</source>
        <translation>当前 %1 = %2（推荐页面）</translation>
    </message>
</context>
<context>
    <name>reclens::TradeoffSweep</name>
    <message>
        <source>The trade-off sweep failed: %1</source>
        <translation>权衡扫描失败：%1</translation>
    </message>
    <message>
        <source>Sweeping a re-ranking knob</source>
        <translation>正在扫描重排参数</translation>
    </message>
</context>
<context>
    <name>reclens::TrainDialog</name>
    <message>
        <source>Train a Model</source>
        <translation>训练模型</translation>
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
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Sum of the interactions</source>
        <translation>交互之和</translation>
    </message>
    <message>
        <source>log(1 + sum): damp repeated items</source>
        <translation>log(1 + 和)：减弱重复商品</translation>
    </message>
    <message>
        <source>How much an item the user interacted with many times weighs in their history: the sum of the interactions, or log(1 + sum) so that one repeated item cannot dominate the user. The model remembers the choice and builds every profile the same way.</source>
        <translation>用户多次交互的商品在其历史中的权重：交互之和，或 log(1 + 和)，使单个重复商品无法主导该用户。模型会记住这一选择，并以同样方式构建每个用户画像。</translation>
    </message>
    <message>
        <source>&amp;History weights:</source>
        <translation>历史权重(&amp;H)：</translation>
    </message>
    <message>
        <source>Nothing (random start)</source>
        <translation>无（随机初始化）</translation>
    </message>
    <message>
        <source>Fine-tune a model trained before (a warm start): its learned tables start the run, items and attribute values added since start fresh, and the new model records it as its parent. It keeps the parent&apos;s kind, size and history weights; a few epochs are usually enough.</source>
        <translation>微调之前训练的模型（热启动）：训练从它已学到的参数表开始，此后新增的商品和属性值从头学习，新模型会把它记为父模型。新模型沿用父模型的类型、维度和历史权重；通常几轮就足够了。</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>起点模型(&amp;S)：</translation>
    </message>
    <message>
        <source>%1 (%2, size %3)</source>
        <translation>%1（%2，维度 %3）</translation>
    </message>
    <message>
        <source>By time: the last item tested (leave-one-out)</source>
        <translation>按时间：最后一个物品作测试（留一法）</translation>
    </message>
    <message>
        <source>By time: 80/10/10 of each user&apos;s items</source>
        <translation>按时间：每位用户物品的 80/10/10</translation>
    </message>
    <message>
        <source>At random: 80/10/10 of each user&apos;s items</source>
        <translation>随机：每位用户物品的 80/10/10</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>划分(&amp;P)：</translation>
    </message>
    <message>
        <source>The model is trained on the train part, stopped early on the validation part, measured on the test part, saved beside the project and registered with it.</source>
        <translation>模型在训练集上训练，依据验证集提前停止，在测试集上度量，保存在项目旁并登记到项目中。</translation>
    </message>
    <message>
        <source>One calendar: the first 80% of all rows in time, then 10%, 10% (cold start)</source>
        <translation>统一日历：按时间取全部记录的前 80%，再 10%、10%（冷启动）</translation>
    </message>
    <message>
        <source>How each user&apos;s items are split into train, validation (for early stopping) and test (the final figure). By time predicts what comes next; at random (80/10/10, seed 42) is the protocol of many published tables; one calendar cuts everyone&apos;s log at the same dates, so items launched late are cold (no training rows): the cold-start protocol. The model remembers the split, and evaluation uses it.</source>
        <translation>每位用户的物品如何划分为训练集、验证集（用于提前停止）和测试集（最终指标）。按时间划分预测接下来会发生什么；随机划分（80/10/10，种子 42）是许多已发表结果表采用的协议；统一日历在相同日期切分所有人的记录，因此晚上架的物品是冷物品（没有训练记录）：这是冷启动协议。模型会记住该划分，评估时也使用它。</translation>
    </message>
    <message>
        <source>popularity: most popular items for everyone; bpr: matrix factorisation; lightgcn: graph convolution over the interactions; twotower: user and item towers with attributes; sasrec: self-attention over the history in time order, so the newest events weigh most (sequential)</source>
        <translation>popularity：为所有人推荐最热门的商品；bpr：矩阵分解；lightgcn：基于交互的图卷积；twotower：带属性的用户塔与商品塔；sasrec：按时间顺序对历史做自注意力，最新的事件权重最大（序列模型）</translation>
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
    <message>
        <source>Bookmarked only</source>
        <translation>仅显示已加书签</translation>
    </message>
    <message>
        <source>Show only the bookmarked users</source>
        <translation>只显示已加书签的用户</translation>
    </message>
    <message>
        <source>&amp;Bookmark User</source>
        <translation>为用户添加书签(&amp;B)</translation>
    </message>
    <message>
        <source>Bookmark or un-bookmark this user (Ctrl+D)</source>
        <translation>为此用户添加或取消书签（Ctrl+D）</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfCatalogPanel</name>
    <message>
        <source>Delist brand</source>
        <translation>下架品牌</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>A brand whose items should be left out of every list</source>
        <translation>要从所有列表中排除其商品的品牌</translation>
    </message>
    <message>
        <source>Leave every item of this brand out of the lists (undoable)</source>
        <translation>从列表中排除此品牌的所有商品（可撤销）</translation>
    </message>
    <message>
        <source>Brand:</source>
        <translation>品牌：</translation>
    </message>
    <message>
        <source>Delist single items from the what-if list (right-click or the Delist button).</source>
        <translation>可在假设分析列表中下架单个商品（右键单击或使用“下架商品”按钮）。</translation>
    </message>
    <message>
        <source>Delisted:</source>
        <translation>已下架：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Effect on sampled users&apos; lists&lt;/b&gt;</source>
        <translation>&lt;b&gt;对抽样用户列表的影响&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Item coverage</source>
        <translation>商品覆盖率</translation>
    </message>
    <message>
        <source>Gini of exposure</source>
        <translation>曝光基尼系数</translation>
    </message>
    <message>
        <source>Exposure entropy (bits)</source>
        <translation>曝光熵（比特）</translation>
    </message>
    <message>
        <source>Mid + tail share</source>
        <translation>中部 + 尾部占比</translation>
    </message>
    <message>
        <source>Delisted items&apos; exposure</source>
        <translation>已下架商品的曝光</translation>
    </message>
    <message>
        <source>Brand %1</source>
        <translation>品牌 %1</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>商品 %1</translation>
    </message>
    <message>
        <source>Delist a brand or an item to see how the lists of a user sample change.</source>
        <translation>下架某个品牌或商品，即可查看抽样用户的列表如何变化。</translation>
    </message>
    <message>
        <source>Recomputing the sampled users&apos; lists…</source>
        <translation>正在重新计算抽样用户的列表…</translation>
    </message>
    <message>
        <source>Could not compute the effect: %1</source>
        <translation>无法计算影响：%1</translation>
    </message>
    <message>
        <source>%1 users sampled, top-%2: %3 of the lists change; mean Jaccard overlap %4 (%5 ms).</source>
        <translation>抽样 %1 个用户，前 %2 项：%3 的列表发生变化；平均 Jaccard 重合度 %4（%5 ms）。</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfEditor</name>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfHistoryModel</name>
    <message>
        <source>Not yet in the history at the replay time</source>
        <translation>在回放时间点尚未出现在历史中</translation>
    </message>
    <message>
        <source>Added in this what-if</source>
        <translation>在此次假设分析中添加</translation>
    </message>
    <message>
        <source>Summed interaction weight %1; double-click to change</source>
        <translation>交互权重合计 %1；双击可修改</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n interaction(s), last %2</source>
        <translation>
            <numerusform>%1 — %n 次交互，最近一次于 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Include %1</source>
        <translation>纳入 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>Re-weight %1</source>
        <translation>调整 %1 的权重</translation>
    </message>
    <message>
        <source>On</source>
        <translation>纳入</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
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
        <source>Events</source>
        <translation>交互次数</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>%1 — moved to the newest place in this what-if (the order matters to sequential models)</source>
        <translation>%1 — 在此假设分析中移到最新位置（顺序对序列模型有影响）</translation>
    </message>
    <message>
        <source>moved: newest</source>
        <translation>已移到最新</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfListModel</name>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Not in the baseline list</source>
        <translation>不在基线列表中</translation>
    </message>
    <message>
        <source>Rank %1 in the baseline; not in this list</source>
        <translation>基线中排第 %1 名；不在此列表中</translation>
    </message>
    <message>
        <source>Rank %1 in the baseline, %2 now</source>
        <translation>基线中排第 %1 名，现在排第 %2 名</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>名次变化</translation>
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
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Popularity</source>
        <translation>热度</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfMixPlot</name>
    <message>
        <source>Interest mix by category</source>
        <translation>按类目的兴趣构成</translation>
    </message>
    <message>
        <source>history</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>baseline list</source>
        <translation>基线列表</translation>
    </message>
    <message>
        <source>what-if list</source>
        <translation>假设分析列表</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>暂无结果</translation>
    </message>
    <message>
        <source>No categories to show</source>
        <translation>没有可显示的类目</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfPage</name>
    <message>
        <source>Include %1</source>
        <translation>纳入 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Delist brand %1</source>
        <translation>下架品牌 %1</translation>
    </message>
    <message>
        <source>Restore brand %1</source>
        <translation>恢复品牌 %1</translation>
    </message>
    <message>
        <source>Delist %1</source>
        <translation>下架 %1</translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
    <message>
        <source>Open a project and load a model on the Recommendations page, then pick a user.</source>
        <translation>请打开项目，在“推荐”页面加载模型，然后选择一个用户。</translation>
    </message>
    <message>
        <source>User id…</source>
        <translation>用户 ID…</translation>
    </message>
    <message>
        <source>Type a user id and press Enter</source>
        <translation>输入用户 ID 后按回车键</translation>
    </message>
    <message>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>The model of the Recommendations page</source>
        <translation>“推荐”页面所用的模型</translation>
    </message>
    <message>
        <source>Length of the list</source>
        <translation>列表长度</translation>
    </message>
    <message>
        <source>Integrated Gradients (32 steps)</source>
        <translation>积分梯度（32 步）</translation>
    </message>
    <message>
        <source>Gradient × Input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>How the heatmap splits each score over the inputs</source>
        <translation>热力图将每个得分分配到各输入上的方法</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>撤销：%1（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>重做：%1（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the unedited history (undoable)</source>
        <translation>恢复到未编辑的历史（可撤销）</translation>
    </message>
    <message>
        <source>What-if</source>
        <translation>假设分析</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>K:</source>
        <translation>K：</translation>
    </message>
    <message>
        <source>Attribution:</source>
        <translation>归因：</translation>
    </message>
    <message>
        <source>Click a dot to toggle its item</source>
        <translation>单击圆点可切换对应商品的纳入状态</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Top-K after the edits</source>
        <translation>编辑后的前 K 项</translation>
    </message>
    <message>
        <source>Delist item</source>
        <translation>下架商品</translation>
    </message>
    <message>
        <source>Leave the selected item out of every list (undoable)</source>
        <translation>将所选商品从所有列表中排除（可撤销）</translation>
    </message>
    <message>
        <source>Why: attribution of the top %1</source>
        <translation>推荐理由：前 %1 项的归因</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>The what-if could not be computed: %1</source>
        <translation>无法计算假设分析：%1</translation>
    </message>
    <message>
        <source>against scenario “%1”</source>
        <translation>相对于情景“%1”</translation>
    </message>
    <message>
        <source>against the unedited history</source>
        <translation>相对于未编辑的历史</translation>
    </message>
    <message numerus="yes">
        <source> · history as of &lt;b&gt;%1&lt;/b&gt; (%n item(s))</source>
        <translation>
            <numerusform> · 截至 &lt;b&gt;%1&lt;/b&gt; 的历史（%n 个商品）</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Overlap&lt;/b&gt; %1 of %2 (%3%) · &lt;b&gt;Jaccard&lt;/b&gt; %4 · &lt;span style=&apos;color:#1f5fbf&apos;&gt;&lt;b&gt;%5 new&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#b03a2e&apos;&gt;&lt;b&gt;%6 dropped&lt;/b&gt;&lt;/span&gt; · %7 moved · %8 in place &lt;span style=&apos;color:gray&apos;&gt;— %9&lt;/span&gt;%10</source>
        <translation>&lt;b&gt;重合&lt;/b&gt; %1 / %2（%3%） · &lt;b&gt;Jaccard&lt;/b&gt; %4 · &lt;span style=&apos;color:#1f5fbf&apos;&gt;&lt;b&gt;新增 %5&lt;/b&gt;&lt;/span&gt; · &lt;span style=&apos;color:#b03a2e&apos;&gt;&lt;b&gt;移出 %6&lt;/b&gt;&lt;/span&gt; · 移动 %7 · 不变 %8 &lt;span style=&apos;color:gray&apos;&gt;— %9&lt;/span&gt;%10</translation>
    </message>
    <message>
        <source>No attributions: %1</source>
        <translation>无归因：%1</translation>
    </message>
    <message>
        <source>Round trip %1 ms (attributions %2 ms)</source>
        <translation>往返 %1 ms（归因 %2 ms）</translation>
    </message>
    <message>
        <source>No graph: %1</source>
        <translation>无图：%1</translation>
    </message>
    <message>
        <source>Pick a user under a model before saving a scenario</source>
        <translation>保存情景前，请先在某个模型下选择用户</translation>
    </message>
    <message>
        <source>Scenario “%1” saved in the project</source>
        <translation>情景“%1”已保存到项目中</translation>
    </message>
    <message>
        <source>There is no saved scenario “%1” for this user</source>
        <translation>此用户没有名为“%1”的已保存情景</translation>
    </message>
    <message>
        <source>Could not read scenario “%1”: %2</source>
        <translation>无法读取情景“%1”：%2</translation>
    </message>
    <message>
        <source>Could not apply scenario “%1”: %2</source>
        <translation>无法应用情景“%1”：%2</translation>
    </message>
    <message>
        <source>Load scenario %1</source>
        <translation>载入情景 %1</translation>
    </message>
    <message>
        <source>Scenario “%1” applied (Undo takes it back)</source>
        <translation>已应用情景“%1”（可通过撤销还原）</translation>
    </message>
    <message>
        <source>Could not compare with “%1”: %2</source>
        <translation>无法与“%1”比较：%2</translation>
    </message>
    <message>
        <source>There is no user %1 in this project</source>
        <translation>此项目中没有用户 %1</translation>
    </message>
    <message>
        <source>This model uses no user attributes.</source>
        <translation>此模型未使用用户属性。</translation>
    </message>
    <message>
        <source>Load a model to change the user&apos;s attributes.</source>
        <translation>请加载模型以修改用户属性。</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>Set this attribute for the what-if (undoable)</source>
        <translation>在假设分析中设置此属性（可撤销）</translation>
    </message>
    <message>
        <source>Set %1 to %2</source>
        <translation>将 %1 设为 %2</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Graph of the selected item</source>
        <translation>所选商品的关系图</translation>
    </message>
    <message>
        <source>How each of the top items&apos; scores splits over the history and the attributes</source>
        <translation>前几项推荐的得分如何分摊到历史记录和各属性上</translation>
    </message>
    <message>
        <source>The neighbours that carried the selected item&apos;s score</source>
        <translation>支撑所选商品得分的邻居</translation>
    </message>
    <message>
        <source>Make It the Newest Event</source>
        <translation>设为最新事件</translation>
    </message>
    <message>
        <source>Move the selected history item to the newest place: a sequential model (sasrec) weighs the newest events most; a bag-of-items model scores the same</source>
        <translation>将所选历史商品移到最新位置：序列模型（sasrec）对最新事件的权重最大；物品集合模型的得分不变</translation>
    </message>
    <message>
        <source>Move %1 to the newest place</source>
        <translation>将 %1 移到最新位置</translation>
    </message>
    <message>
        <source>Drop the Newest Event</source>
        <translation>去掉最新事件</translation>
    </message>
    <message>
        <source>Turn off the newest history item still on (repeat to drop the last few)</source>
        <translation>关闭仍启用的最新历史商品（重复操作可去掉最近几个）</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfScenarioBar</name>
    <message>
        <source>Load</source>
        <translation>载入</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Scenario:</source>
        <translation>情景：</translation>
    </message>
    <message>
        <source>What-if scenarios of this user saved in the project</source>
        <translation>此用户保存在项目中的假设分析情景</translation>
    </message>
    <message>
        <source>Apply the chosen scenario&apos;s edits (undoable)</source>
        <translation>应用所选情景中的编辑（可撤销）</translation>
    </message>
    <message>
        <source>Save the current edits as a named scenario in the project file</source>
        <translation>将当前编辑作为命名情景保存到项目文件中</translation>
    </message>
    <message>
        <source>Delete the chosen scenario from the project file</source>
        <translation>从项目文件中删除所选情景</translation>
    </message>
    <message>
        <source>Rank changes and overlap are shown against this list</source>
        <translation>名次变化和重合度均相对于此列表</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>对比对象：</translation>
    </message>
    <message>
        <source>Could not read the saved scenarios: %1</source>
        <translation>无法读取已保存的情景：%1</translation>
    </message>
    <message>
        <source>unedited history</source>
        <translation>未编辑的历史</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>保存于 %1</translation>
    </message>
    <message>
        <source>Save Scenario</source>
        <translation>保存情景</translation>
    </message>
    <message>
        <source>Name of the scenario:</source>
        <translation>情景名称：</translation>
    </message>
    <message>
        <source>Could not save the scenario: %1</source>
        <translation>无法保存情景：%1</translation>
    </message>
    <message>
        <source>Could not delete the scenario: %1</source>
        <translation>无法删除情景：%1</translation>
    </message>
</context>
<context>
    <name>reclens::WhatIfSearchBox</name>
    <message>
        <source>Add to history</source>
        <translation>添加到历史</translation>
    </message>
    <message>
        <source>Add an item: search the catalog by title, category, brand or id</source>
        <translation>添加商品：按标题、类目、品牌或 ID 搜索商品目录</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>The interaction weight the added item gets</source>
        <translation>所添加商品获得的交互权重</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>商品 %1</translation>
    </message>
</context>
</TS>
