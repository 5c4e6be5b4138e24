<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ConfirmRecordsDialog</name>
    <message numerus="yes">
        <source>The wallet found %n record(s) in this file. Check each one against the line it was found in before storing them.</source>
        <translation>
            <numerusform>The wallet found %n record in this file. Check it against the line it was found in before storing it.</numerusform>
            <numerusform>The wallet found %n records in this file. Check each one against the line it was found in before storing them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read and are left out.</source>
        <translation>
            <numerusform>%n line could not be read and is left out.</numerusform>
            <numerusform>%n lines could not be read and are left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found; each comes with what to do.</source>
        <translation>
            <numerusform>%n problem found; it comes with what to do.</numerusform>
            <numerusform>%n problems found; each comes with what to do.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstStartScreen</name>
    <message numerus="yes">
        <source>To check, type group number %n of the code:</source>
        <translation>
            <numerusform>To check, type group number %n of the code:</numerusform>
            <numerusform>To check, type group number %n of the code:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>That is not group %n of the code. Look again.</source>
        <translation>
            <numerusform>That is not group %n of the code. Look again.</numerusform>
            <numerusform>That is not group %n of the code. Look again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message numerus="yes">
        <source>%n row(s) removed.</source>
        <translation>
            <numerusform>%n row removed.</numerusform>
            <numerusform>%n rows removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) it had corrected or filled are back to what they were.</source>
        <translation>
            <numerusform>%n value it had corrected or filled is back to what it was.</numerusform>
            <numerusform>%n values it had corrected or filled are back to what they were.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of its value(s) had been corrected by a later import; those later values stay.</source>
        <translation>
            <numerusform>%n of its values had been corrected by a later import; that later value stays.</numerusform>
            <numerusform>%n of its values had been corrected by a later import; those later values stay.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message numerus="yes">
        <source>%n repeated row(s), kept once.</source>
        <translation>
            <numerusform>%n repeated row, kept once.</numerusform>
            <numerusform>%n repeated rows, kept once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) outside the file&apos;s period, not stored.</source>
        <translation>
            <numerusform>%n row outside the file&apos;s period, not stored.</numerusform>
            <numerusform>%n rows outside the file&apos;s period, not stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n summary row(s) (totals), not stored.</source>
        <translation>
            <numerusform>%n summary row (a total), not stored.</numerusform>
            <numerusform>%n summary rows (totals), not stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of a kind the wallet does not keep, not stored.</source>
        <translation>
            <numerusform>%n row of a kind the wallet does not keep, not stored.</numerusform>
            <numerusform>%n rows of a kind the wallet does not keep, not stored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MobilityPage</name>
    <message numerus="yes">
        <source>%n trip(s), %1 spent on fares</source>
        <translation>
            <numerusform>%n trip, %1 spent on fares</numerusform>
            <numerusform>%n trips, %1 spent on fares</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n trip(s) without a known fare)</source>
        <translation>
            <numerusform>(%n trip without a known fare)</numerusform>
            <numerusform>(%n trips without a known fare)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n trip(s)&lt;/b&gt; in %1.</source>
        <translation>
            <numerusform>&lt;b&gt;%n trip&lt;/b&gt; in %1.</numerusform>
            <numerusform>&lt;b&gt;%n trips&lt;/b&gt; in %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
