<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>vaecf::ui::ActivityHistogram</name>
    <message>
        <source>Users by interactions</source>
        <translation>Nutzer nach Interaktionen</translation>
    </message>
    <message>
        <source>Interactions per user</source>
        <translation>Interaktionen pro Nutzer</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Nutzer</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ChartToolbar</name>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Drag a rectangle on the chart to zoom; right-click or press this to see everything</source>
        <translation>Zum Zoomen ein Rechteck im Diagramm aufziehen; Rechtsklick oder diese Schaltfläche zeigt wieder alles</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG-Bild …</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG-Grafik …</translation>
    </message>
    <message>
        <source>CSV data…</source>
        <translation>CSV-Daten …</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Grafiken (*.svg)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::CohortPanel</name>
    <message>
        <source>Validation by cohort</source>
        <translation>Validierung nach Kohorte</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Cohorts at one epoch</source>
        <translation>Kohorten in einer Epoche</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1 — epoch %2: %3</source>
        <translation>%1 — Epoche %2: %3</translation>
    </message>
    <message>
        <source>Metric shown for each cohort</source>
        <translation>Für jede Kohorte gezeigte Metrik</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>neueste</translation>
    </message>
    <message>
        <source>epoch </source>
        <translation>Epoche </translation>
    </message>
    <message>
        <source>Epoch shown by the bars</source>
        <translation>Von den Balken gezeigte Epoche</translation>
    </message>
    <message numerus="yes">
        <source>%1
(%n users)</source>
        <translation>
            <numerusform>%1
(%n Nutzer)</numerusform>
            <numerusform>%1
(%n Nutzer)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, epoch %2</source>
        <translation>%1, Epoche %2</translation>
    </message>
    <message>
        <source>all users</source>
        <translation>alle Nutzer</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::DataPanel</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>Spalten …</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Bundled MovieLens (ml-latest-small)</source>
        <translation>Mitgeliefertes MovieLens (ml-latest-small)</translation>
    </message>
    <message>
        <source>Synthetic communities</source>
        <translation>Synthetische Gemeinschaften</translation>
    </message>
    <message>
        <source>Dataset file or folder</source>
        <translation>Datensatzdatei oder -ordner</translation>
    </message>
    <message>
        <source>Canonical split folder</source>
        <translation>Kanonischer Split-Ordner</translation>
    </message>
    <message>
        <source>Format of the dataset; &apos;delimited&apos; reads any separated log with the columns you map</source>
        <translation>Format des Datensatzes; „delimited“ liest jedes getrennte Protokoll mit den Spalten, die Sie zuordnen</translation>
    </message>
    <message>
        <source>format default</source>
        <translation>Vorgabe des Formats</translation>
    </message>
    <message>
        <source>An interaction is positive when its value is at least this; empty: 4 for star ratings, every interaction for implicit data</source>
        <translation>Eine Interaktion ist positiv, wenn ihr Wert mindestens so groß ist; leer: 4 bei Sternbewertungen, jede Interaktion bei impliziten Daten</translation>
    </message>
    <message>
        <source>Users with fewer positives are dropped</source>
        <translation>Nutzer mit weniger Positiven werden verworfen</translation>
    </message>
    <message>
        <source>10% each</source>
        <translation>je 10 %</translation>
    </message>
    <message>
        <source>Users held out for validation, and as many for test</source>
        <translation>Für die Validierung zurückgehaltene Nutzer, und ebenso viele für den Test</translation>
    </message>
    <message>
        <source>Share of a heldout user&apos;s positives that is scored</source>
        <translation>Anteil der Positiven eines zurückgehaltenen Nutzers, der bewertet wird</translation>
    </message>
    <message>
        <source>Seed of the user permutation; 98765 reproduces the reference splits</source>
        <translation>Startwert der Nutzerpermutation; 98765 reproduziert die Referenz-Splits</translation>
    </message>
    <message>
        <source>Lower edges of the activity cohorts, ascending; users below the first edge form an extra cohort</source>
        <translation>Untere Grenzen der Aktivitätskohorten, aufsteigend; Nutzer unter der ersten Grenze bilden eine eigene Kohorte</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Synthetic users</source>
        <translation>Synthetische Nutzer</translation>
    </message>
    <message>
        <source>Synthetic items</source>
        <translation>Synthetische Artikel</translation>
    </message>
    <message>
        <source>Minimum rating</source>
        <translation>Mindestbewertung</translation>
    </message>
    <message>
        <source>Minimum positives per user</source>
        <translation>Mindestzahl Positiver pro Nutzer</translation>
    </message>
    <message>
        <source>Heldout users</source>
        <translation>Zurückgehaltene Nutzer</translation>
    </message>
    <message>
        <source>Heldout fraction</source>
        <translation>Zurückgehaltener Anteil</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>Split-Startwert</translation>
    </message>
    <message>
        <source>Cohort edges</source>
        <translation>Kohortengrenzen</translation>
    </message>
    <message>
        <source>Ratings file</source>
        <translation>Bewertungsdatei</translation>
    </message>
    <message>
        <source>The minimum rating must be a number.</source>
        <translation>Die Mindestbewertung muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>Choose a dataset file or folder.</source>
        <translation>Wählen Sie eine Datensatzdatei oder einen Datensatzordner.</translation>
    </message>
    <message>
        <source>Choose a canonical split folder.</source>
        <translation>Wählen Sie einen kanonischen Split-Ordner.</translation>
    </message>
    <message>
        <source>Cohort edges must be ascending positive whole numbers, e.g. 5,11,51,101.</source>
        <translation>Kohortengrenzen müssen aufsteigende positive ganze Zahlen sein, z. B. 5,11,51,101.</translation>
    </message>
    <message>
        <source>%1
%2 training, %3 validation and %4 test users; %5 items; %6 training positives.</source>
        <translation>%1
%2 Trainings-, %3 Validierungs- und %4 Testnutzer; %5 Artikel; %6 positive Trainingsinteraktionen.</translation>
    </message>
    <message>
        <source>Raw: %1 users, %2 items, %3 interactions.</source>
        <translation>Roh: %1 Nutzer, %2 Artikel, %3 Interaktionen.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::DelimitedImportDialog</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>First line is a header</source>
        <translation>Erste Zeile ist eine Kopfzeile</translation>
    </message>
    <message>
        <source>Columns of %1</source>
        <translation>Spalten von %1</translation>
    </message>
    <message>
        <source>comma ,</source>
        <translation>Komma ,</translation>
    </message>
    <message>
        <source>semicolon ;</source>
        <translation>Semikolon ;</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>pipe |</source>
        <translation>senkrechter Strich |</translation>
    </message>
    <message>
        <source>space</source>
        <translation>Leerzeichen</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <source>User column</source>
        <translation>Nutzerspalte</translation>
    </message>
    <message>
        <source>Item column</source>
        <translation>Artikelspalte</translation>
    </message>
    <message>
        <source>Value column</source>
        <translation>Wertspalte</translation>
    </message>
    <message>
        <source>Time column</source>
        <translation>Zeitspalte</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <source>item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LossPanel</name>
    <message>
        <source>Smooth</source>
        <translation>Glätten</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <source>Training scalars</source>
        <translation>Trainingsgrößen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>Laufzeit (s)</translation>
    </message>
    <message>
        <source>Step and wall time plot about ten summaries a second; epoch plots epoch means</source>
        <translation>Schritt und Laufzeit zeigen etwa zehn Zusammenfassungen pro Sekunde; Epoche zeigt Epochenmittel</translation>
    </message>
    <message>
        <source>Debiased exponential moving average, as in TensorBoard</source>
        <translation>Bias-korrigierter exponentieller gleitender Mittelwert, wie in TensorBoard</translation>
    </message>
    <message>
        <source>Smoothing weight</source>
        <translation>Glättungsgewicht</translation>
    </message>
    <message>
        <source>Scalars to plot</source>
        <translation>Anzuzeigende Größen</translation>
    </message>
    <message>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <source>%1 — x: %2, y: %3</source>
        <translation>%1 — x: %2, y: %3</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::MainWindow</name>
    <message>
        <source>Continue run</source>
        <translation>Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Continue the stopped or unfinished run selected in the run table from its last checkpoint, on the loaded data</source>
        <translation>Den in der Lauftabelle gewählten angehaltenen oder unvollendeten Lauf ab seinem letzten Checkpoint auf den geladenen Daten fortsetzen</translation>
    </message>
    <message>
        <source>Select one run in the run table to continue.</source>
        <translation>Wählen Sie in der Lauftabelle einen Lauf zum Fortsetzen.</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>VAE-CF Workbench</source>
        <translation>VAE-CF-Werkbank</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start a new run, or resume the current one</source>
        <translation>Einen neuen Lauf starten oder den aktuellen fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Pause at the next batch</source>
        <translation>Beim nächsten Batch pausieren</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>Batch schrittweise</translation>
    </message>
    <message>
        <source>Train one batch, then pause</source>
        <translation>Einen Batch trainieren, dann pausieren</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>Epoche schrittweise</translation>
    </message>
    <message>
        <source>Train to the end of the current epoch, then pause</source>
        <translation>Bis zum Ende der aktuellen Epoche trainieren, dann pausieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop at the next batch; Run continues from the last checkpoint</source>
        <translation>Beim nächsten Batch anhalten; Start setzt am letzten Checkpoint fort</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Drop the current run; the next Run starts afresh with the seed beside this button</source>
        <translation>Den aktuellen Lauf verwerfen; der nächste Start beginnt neu mit dem Startwert neben dieser Schaltfläche</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>Startwert </translation>
    </message>
    <message>
        <source>Seed of the next run after Reset</source>
        <translation>Startwert des nächsten Laufs nach dem Zurücksetzen</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Choose runs folder…</source>
        <translation>Ordner für Läufe wählen …</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <source>Save session…</source>
        <translation>Sitzung speichern …</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>Sessions (*.json)</source>
        <translation>Sitzungen (*.json)</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>Sitzung öffnen …</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>The language changes when the workbench restarts.</source>
        <translation>Die Sprache ändert sich beim nächsten Start der Werkbank.</translation>
    </message>
    <message>
        <source>The data could not be loaded; the session keeps its current data.
%1</source>
        <translation>Die Daten konnten nicht geladen werden; die Sitzung behält ihre bisherigen Daten.
%1</translation>
    </message>
    <message>
        <source>Stopped early: validation stopped improving.</source>
        <translation>Vorzeitig beendet: Die Validierung verbesserte sich nicht mehr.</translation>
    </message>
    <message>
        <source>%1 = %2 for the next run.</source>
        <translation>%1 = %2 für den nächsten Lauf.</translation>
    </message>
    <message>
        <source>%1 = %2 applied to the running model.</source>
        <translation>%1 = %2 auf das laufende Modell angewendet.</translation>
    </message>
    <message>
        <source>%1 = %2 takes effect when a new run starts (Reset, then Run).</source>
        <translation>%1 = %2 wirkt, sobald ein neuer Lauf beginnt (Zurücksetzen, dann Start).</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>The run %1 could not be read: %2</source>
        <translation>Der Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <source>%1 users/s</source>
        <translation>%1 Nutzer/s</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>vergangen %1</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>verbleibend %1</translation>
    </message>
    <message>
        <source>The session could not be saved: %1</source>
        <translation>Die Sitzung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The session could not be opened: %1</source>
        <translation>Die Sitzung konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>closed-form fit: %1, step %2 of %3</source>
        <translation>Fit in geschlossener Form: %1, Schritt %2 von %3</translation>
    </message>
    <message>
        <source>closed-form fit</source>
        <translation>Fit in geschlossener Form</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ModelPanel</name>
    <message>
        <source>Range %1 – %2</source>
        <translation>Bereich %1 – %2</translation>
    </message>
    <message>
        <source>At least %1</source>
        <translation>Mindestens %1</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>Höchstens %1</translation>
    </message>
    <message>
        <source>● live: applied to a running model at the next batch</source>
        <translation>● live: wird beim nächsten Batch auf das laufende Modell angewendet</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::RecommendationPanel</name>
    <message>
        <source>A validation or test user (their fold-in items are the history), or a training user</source>
        <translation>Ein Validierungs- oder Testnutzer (seine Fold-in-Artikel bilden den Verlauf) oder ein Trainingsnutzer</translation>
    </message>
    <message>
        <source>Recommend</source>
        <translation>Empfehlen</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <source>Top N</source>
        <translation>Top N</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>Load a dataset first.</source>
        <translation>Laden Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <source>There is no user &apos;%1&apos; in this split.</source>
        <translation>Es gibt keinen Nutzer „%1“ in diesem Split.</translation>
    </message>
    <message>
        <source>No trained model to recommend with yet (a run keeps one after its first validation): %1</source>
        <translation>Noch kein trainiertes Modell für Empfehlungen (ein Lauf behält eines nach seiner ersten Validierung): %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::RunsPanel</name>
    <message>
        <source>Select several runs (Ctrl or Shift) to overlay their curves; differing parameters are highlighted</source>
        <translation>Mehrere Läufe auswählen (Strg oder Umschalt), um ihre Kurven zu überlagern; abweichende Parameter werden hervorgehoben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Runs in %1</source>
        <translation>Läufe in %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>beste %1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::TrainingSession</name>
    <message>
        <source>Stop the current run before continuing another one.</source>
        <translation>Stoppen Sie den aktuellen Lauf, bevor Sie einen anderen fortsetzen.</translation>
    </message>
    <message>
        <source>The run %1 is a closed-form fit (%2): there is no training to continue.</source>
        <translation>Der Lauf %1 ist eine geschlossene Lösung (%2): Es gibt kein Training fortzusetzen.</translation>
    </message>
    <message>
        <source>The run %1 has finished: there is nothing to continue.</source>
        <translation>Der Lauf %1 ist abgeschlossen: Es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <source>To continue the run %1, load the run&apos;s dataset first: %2</source>
        <translation>Um den Lauf %1 fortzusetzen, laden Sie zuerst seinen Datensatz: %2</translation>
    </message>
    <message>
        <source>The run %1 could not be read: %2</source>
        <translation>Der Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The run could not continue: %1</source>
        <translation>Der Lauf konnte nicht fortgesetzt werden: %1</translation>
    </message>
    <message>
        <source>Load a dataset before training.</source>
        <translation>Laden Sie vor dem Training einen Datensatz.</translation>
    </message>
    <message>
        <source>The run could not start: %1</source>
        <translation>Der Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 trains on the raw dataset (its ratings and times), which a split folder does not have: load a dataset file.</source>
        <translation>%1 trainiert auf dem Rohdatensatz (seinen Bewertungen und Zeiten), den ein Split-Ordner nicht enthält: Laden Sie eine Datensatzdatei.</translation>
    </message>
    <message>
        <source>deeprec predicts ratings, and %1 has none: load a dataset with explicit ratings.</source>
        <translation>deeprec sagt Bewertungen vorher, und %1 hat keine: Laden Sie einen Datensatz mit expliziten Bewertungen.</translation>
    </message>
    <message>
        <source>svae orders each history by time, and %1 has no timestamps: load a dataset with a time column.</source>
        <translation>svae ordnet jeden Verlauf nach der Zeit, und %1 hat keine Zeitstempel: Laden Sie einen Datensatz mit einer Zeitspalte.</translation>
    </message>
    <message>
        <source>The live curves stop here; the run goes on: %1</source>
        <translation>Die Live-Kurven enden hier; der Lauf geht weiter: %1</translation>
    </message>
    <message>
        <source>The run %1 (%2) cannot be continued: only the VAE family picks up a run where it stopped. Start a new run instead.</source>
        <translation>Der Lauf %1 (%2) kann nicht fortgesetzt werden: Nur die VAE-Familie setzt einen Lauf dort fort, wo er angehalten wurde. Starten Sie stattdessen einen neuen Lauf.</translation>
    </message>
</context>
</TS>
