<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Glossary</name>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="22"/>
        <source>The 2-Wasserstein distance between two users&apos; Gaussian posteriors: the distance between their means and between their spreads together. Neighbours and radii are measured with it in the full latent space, never on the 2-D map.</source>
        <translation>Die 2-Wasserstein-Distanz zwischen den Gauß-Posterioren zweier Nutzer: der Abstand ihrer Mittelwerte und ihrer Streuungen zusammen. Nachbarn und Radien werden damit im vollen latenten Raum gemessen, nie auf der 2-D-Karte.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="27"/>
        <source>Gradient transfer: how much one training step on user v lowers user u&apos;s loss, relative to a step on u itself. T &gt; 0: v helps u; T &lt; 0: v pulls u&apos;s recommendations the wrong way. Computed exactly for every v at once.</source>
        <translation>Gradiententransfer: wie stark ein Trainingsschritt auf Nutzer v den Verlust von Nutzer u senkt, relativ zu einem Schritt auf u selbst. T &gt; 0: v hilft u; T &lt; 0: v zieht die Empfehlungen für u in die falsche Richtung. Exakt für alle v auf einmal berechnet.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="32"/>
        <source>The sharing radius: the W2 distance from a focus user beyond which fewer than half of the users help it (T &gt; 0). Users inside it are highlighted on the map. When every distance is mostly helpful there is none.</source>
        <translation>Der Teilungsradius: die W2-Distanz vom Fokusnutzer, jenseits derer weniger als die Hälfte der Nutzer ihm hilft (T &gt; 0). Nutzer innerhalb sind auf der Karte hervorgehoben. Ist jede Distanz überwiegend hilfreich, gibt es keinen.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="36"/>
        <source>keep rate (rho)</source>
        <translation>Behaltrate (rho)</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="37"/>
        <source>The share of a user&apos;s items left in when the input is masked, as dropout does in training: 1 keeps the whole history, 0.5 hides half of it.</source>
        <translation>Der Anteil der Artikel eines Nutzers, der beim Maskieren der Eingabe erhalten bleibt, wie Dropout im Training: 1 behält die ganze Historie, 0,5 verbirgt die Hälfte.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="40"/>
        <source>drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="41"/>
        <source>How much a user&apos;s nearest neighbours change when the input is masked: 1 minus the mean overlap (Jaccard) of the neighbour sets over the masks. 0: the same neighbours every time.</source>
        <translation>Wie stark sich die nächsten Nachbarn eines Nutzers ändern, wenn die Eingabe maskiert wird: 1 minus die mittlere Überlappung (Jaccard) der Nachbarmengen über die Masken. 0: jedes Mal dieselben Nachbarn.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="45"/>
        <source>PIA anchor</source>
        <translation>PIA-Anker</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="46"/>
        <source>A learnable point in latent space per item. Training pulls a user&apos;s posterior towards the anchors of the user&apos;s items, so that a masked history still lands near the full one.</source>
        <translation>Ein lernbarer Punkt im latenten Raum je Artikel. Das Training zieht den Posterior eines Nutzers zu den Ankern seiner Artikel, sodass eine maskierte Historie nahe der vollständigen landet.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="50"/>
        <source>pseudo-input</source>
        <translation>Pseudo-Eingabe</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="51"/>
        <source>A learnt fake user of the VampPrior: the prior is the mixture of the posteriors of these inputs. Decoded, each shows the taste it stands for.</source>
        <translation>Ein gelernter künstlicher Nutzer des VampPrior: der Prior ist die Mischung der Posterioren dieser Eingaben. Dekodiert zeigt jede den Geschmack, für den sie steht.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="54"/>
        <source>cohort</source>
        <translation>Kohorte</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="55"/>
        <source>Users grouped by how many interactions they have (the cohort edges, e.g. 5-10, 11-50): light users are where models differ most.</source>
        <translation>Nutzer, gruppiert nach der Zahl ihrer Interaktionen (die Kohortengrenzen, z. B. 5-10, 11-50): bei wenig aktiven Nutzern unterscheiden sich Modelle am stärksten.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="59"/>
        <source>Normalised discounted cumulative gain of the top 100 recommendations against the user&apos;s held-out items: 1 when they come first, in any order among themselves.</source>
        <translation>Normierter diskontierter kumulativer Gewinn der ersten 100 Empfehlungen gegenüber den zurückgehaltenen Artikeln des Nutzers: 1, wenn diese zuerst kommen, in beliebiger Reihenfolge untereinander.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="63"/>
        <source>The share of a user&apos;s held-out items among the top k recommendations, with at most k items counted, so that a user with many held-out items can still reach 1.</source>
        <translation>Der Anteil der zurückgehaltenen Artikel eines Nutzers unter den ersten k Empfehlungen, wobei höchstens k Artikel zählen, sodass auch ein Nutzer mit vielen zurückgehaltenen Artikeln 1 erreichen kann.</translation>
    </message>
    <message>
        <location filename="../ui/help/Glossary.cpp" line="67"/>
        <source>The weight of the KL term that keeps posteriors near the prior. Annealed from 0 in Mult-VAE; with beta 0 the model is a denoising autoencoder (Mult-DAE).</source>
        <translation>Das Gewicht des KL-Terms, der die Posterioren nahe am Prior hält. In Mult-VAE von 0 an hochgefahren; mit beta 0 ist das Modell ein entrauschender Autoencoder (Mult-DAE).</translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <location filename="../ui/panels/ParamEditor.cpp" line="66"/>
        <source>Range %1 – %2</source>
        <translation>Bereich %1 – %2</translation>
    </message>
    <message>
        <location filename="../ui/panels/ParamEditor.cpp" line="67"/>
        <source>At least %1</source>
        <translation>Mindestens %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/ParamEditor.cpp" line="68"/>
        <source>At most %1</source>
        <translation>Höchstens %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ActivityHistogram</name>
    <message>
        <location filename="../ui/panels/ActivityHistogram.cpp" line="38"/>
        <source>Users by interactions</source>
        <translation>Nutzer nach Interaktionen</translation>
    </message>
    <message>
        <location filename="../ui/panels/ActivityHistogram.cpp" line="40"/>
        <source>Interactions per user</source>
        <translation>Interaktionen pro Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/panels/ActivityHistogram.cpp" line="42"/>
        <source>Users</source>
        <translation>Nutzer</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ChartToolbar</name>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="14"/>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="15"/>
        <source>Drag a rectangle on the chart to zoom; right-click or press this to see everything</source>
        <translation>Zum Zoomen ein Rechteck im Diagramm aufziehen; Rechtsklick oder diese Schaltfläche zeigt wieder alles</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="20"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="23"/>
        <source>PNG image…</source>
        <translation>PNG-Bild …</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="24"/>
        <source>SVG drawing…</source>
        <translation>SVG-Grafik …</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="25"/>
        <source>CSV data…</source>
        <translation>CSV-Daten …</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="33"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="34"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Grafiken (*.svg)</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="35"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/panels/ChartToolbar.cpp" line="36"/>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::CohortPanel</name>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="58"/>
        <source>Cohorts</source>
        <translation>Kohorten</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="69"/>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="73"/>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="78"/>
        <source>Cohorts at one epoch</source>
        <translation>Kohorten in einer Epoche</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="89"/>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="101"/>
        <source>Metric shown for each cohort</source>
        <translation>Für jede Kohorte gezeigte Metrik</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="104"/>
        <source>latest</source>
        <translation>neueste</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="105"/>
        <source>epoch </source>
        <translation>Epoche </translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="106"/>
        <source>Epoch shown by the bars</source>
        <translation>Von den Balken gezeigte Epoche</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="110"/>
        <source>Under each run&apos;s curve over all users, draw its curve per cohort (thin, dashed)</source>
        <translation>Unter der Kurve jedes Laufs über alle Nutzer seine Kurve je Kohorte zeichnen (dünn, gestrichelt)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/panels/CohortPanel.cpp" line="344"/>
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
        <location filename="../ui/panels/CohortPanel.cpp" line="345"/>
        <location filename="../ui/panels/CohortPanel.cpp" line="377"/>
        <source>%1, epoch %2</source>
        <translation>%1, Epoche %2</translation>
    </message>
    <message>
        <location filename="../ui/panels/CohortPanel.cpp" line="40"/>
        <source>all users</source>
        <translation>alle Nutzer</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ComparisonDialog</name>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="31"/>
        <source>%1 against %2</source>
        <translation>%1 gegen %2</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="34"/>
        <source>Scoring both runs on their shared test users…</source>
        <translation>Beide Läufe werden auf ihren gemeinsamen Testnutzern bewertet…</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="36"/>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="36"/>
        <source>Users</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="36"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="36"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="37"/>
        <source>A − B</source>
        <translation>A − B</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="37"/>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="37"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="37"/>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="57"/>
        <source>The runs cannot be compared: %1</source>
        <translation>Die Läufe lassen sich nicht vergleichen: %1</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="62"/>
        <source>Scoring both runs on their shared test users: %1, %2 of %3</source>
        <translation>Beide Läufe werden auf ihren gemeinsamen Testnutzern bewertet: %1, %2 von %3</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="63"/>
        <source>Scoring both runs on their shared test users: %1…</source>
        <translation>Beide Läufe werden auf ihren gemeinsamen Testnutzern bewertet: %1…</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="75"/>
        <source>A: %1 (%2)
B: %3 (%4)
%5; %6 shared test users. A − B per user, its 95% bootstrap interval and the paired t-test&apos;s p; a verdict only where p &lt; 0.05.</source>
        <translation>A: %1 (%2)
B: %3 (%4)
%5; %6 gemeinsame Testnutzer. A − B je Nutzer, sein 95-%-Bootstrap-Intervall und das p des gepaarten t-Tests; ein Urteil nur bei p &lt; 0,05.</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="81"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="89"/>
        <source>no significant difference</source>
        <translation>kein signifikanter Unterschied</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="92"/>
        <source>A (%1) is better</source>
        <translation>A (%1) ist besser</translation>
    </message>
    <message>
        <location filename="../ui/runs/ComparisonDialog.cpp" line="95"/>
        <source>B (%1) is better</source>
        <translation>B (%1) ist besser</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::DataPanel</name>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="40"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="50"/>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="51"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="55"/>
        <source>Bundled MovieLens (ml-latest-small)</source>
        <translation>Mitgeliefertes MovieLens (ml-latest-small)</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="56"/>
        <source>Synthetic communities</source>
        <translation>Synthetische Gemeinschaften</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="57"/>
        <source>Dataset file or folder</source>
        <translation>Datensatzdatei oder -ordner</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="58"/>
        <location filename="../ui/panels/DataPanel.cpp" line="162"/>
        <source>Canonical split folder</source>
        <translation>Kanonischer Split-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="41"/>
        <source>Options…</source>
        <translation>Optionen…</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="59"/>
        <source>detect</source>
        <translation>erkennen</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="65"/>
        <source>Format of the dataset: detected from the file or folder, or chosen; Options… sets the format&apos;s options, such as the columns of a delimited log</source>
        <translation>Format des Datensatzes: aus Datei oder Ordner erkannt oder gewählt; Optionen… setzt die Optionen des Formats, etwa die Spalten einer getrennten Datei</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="75"/>
        <source>format default</source>
        <translation>Vorgabe des Formats</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="76"/>
        <source>An interaction is positive when its value is at least this; empty: 4 for star ratings, every interaction for implicit data</source>
        <translation>Eine Interaktion ist positiv, wenn ihr Wert mindestens so groß ist; leer: 4 bei Sternbewertungen, jede Interaktion bei impliziten Daten</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="80"/>
        <source>Users with fewer positives are dropped</source>
        <translation>Nutzer mit weniger Positiven werden verworfen</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="82"/>
        <source>10% each</source>
        <translation>je 10 %</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="83"/>
        <source>Users held out for validation, and as many for test</source>
        <translation>Für die Validierung zurückgehaltene Nutzer, und ebenso viele für den Test</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="87"/>
        <source>Share of a heldout user&apos;s positives that is scored</source>
        <translation>Anteil der Positiven eines zurückgehaltenen Nutzers, der bewertet wird</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="90"/>
        <source>Seed of the user permutation; 98765 reproduces the reference splits</source>
        <translation>Startwert der Nutzerpermutation; 98765 reproduziert die Referenz-Splits</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="96"/>
        <source>Lower edges of the activity cohorts, ascending; users below the first edge form an extra cohort</source>
        <translation>Untere Grenzen der Aktivitätskohorten, aufsteigend; Nutzer unter der ersten Grenze bilden eine eigene Kohorte</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="120"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="121"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="122"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="123"/>
        <source>Synthetic users</source>
        <translation>Synthetische Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="124"/>
        <source>Synthetic items</source>
        <translation>Synthetische Artikel</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="125"/>
        <source>Minimum rating</source>
        <translation>Mindestbewertung</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="126"/>
        <source>Minimum positives per user</source>
        <translation>Mindestzahl Positiver pro Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="127"/>
        <source>Heldout users</source>
        <translation>Zurückgehaltene Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="128"/>
        <source>Heldout fraction</source>
        <translation>Zurückgehaltener Anteil</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="129"/>
        <source>Split seed</source>
        <translation>Split-Startwert</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="130"/>
        <source>Cohort edges</source>
        <translation>Kohortengrenzen</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="163"/>
        <source>Ratings file</source>
        <translation>Bewertungsdatei</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="172"/>
        <source>No dataset format recognises %1; choose one.</source>
        <translation>Kein Datensatzformat erkennt %1; bitte eines wählen.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="176"/>
        <source>The %1 format has no options.</source>
        <translation>Das Format %1 hat keine Optionen.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="194"/>
        <source>The minimum rating must be a number.</source>
        <translation>Die Mindestbewertung muss eine Zahl sein.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="210"/>
        <source>Choose a dataset file or folder.</source>
        <translation>Wählen Sie eine Datensatzdatei oder einen Datensatzordner.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="220"/>
        <source>Choose a canonical split folder.</source>
        <translation>Wählen Sie einen kanonischen Split-Ordner.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="260"/>
        <source>Cohort edges must be ascending positive whole numbers, e.g. 5,11,51,101.</source>
        <translation>Kohortengrenzen müssen aufsteigende positive ganze Zahlen sein, z. B. 5,11,51,101.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="296"/>
        <source>%1
%2 training, %3 validation and %4 test users; %5 items; %6 training positives.</source>
        <translation>%1
%2 Trainings-, %3 Validierungs- und %4 Testnutzer; %5 Artikel; %6 positive Trainingsinteraktionen.</translation>
    </message>
    <message>
        <location filename="../ui/panels/DataPanel.cpp" line="304"/>
        <source>Raw: %1 users, %2 items, %3 interactions.</source>
        <translation>Roh: %1 Nutzer, %2 Artikel, %3 Interaktionen.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::DriftPanel</name>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="37"/>
        <source>masked inputs, user %1 of %2</source>
        <translation>maskierte Eingaben, Nutzer %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="39"/>
        <source>encoding the sample, %1 of %2</source>
        <translation>Codieren der Stichprobe, %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="40"/>
        <location filename="../ui/geometry/DriftPanel.cpp" line="217"/>
        <source>loading the run</source>
        <translation>Laden des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="52"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="59"/>
        <source>Keep rates rho, comma separated, each in (0, 1]</source>
        <translation>Behalteraten rho, durch Kommas getrennt, jeweils in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="61"/>
        <source>Sampled users the cohort curves average over (a seeded subset of the run&apos;s sample)</source>
        <translation>Gezogene Nutzer, über die die Kohortenkurven mitteln (eine per Startwert bestimmte Teilmenge der Stichprobe des Laufs)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="63"/>
        <source>Seed of the users measured</source>
        <translation>Startwert der gemessenen Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="65"/>
        <source>Masks drawn per user and keep rate</source>
        <translation>Gezogene Masken pro Nutzer und Behalterate</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="66"/>
        <source>Neighbourhood drift per keep rate</source>
        <translation>Nachbarschaftsdrift je Behaltrate</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="68"/>
        <source>k of the neighbour sets compared</source>
        <translation>k der verglichenen Nachbarmengen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="70"/>
        <source>Compute</source>
        <translation>Berechnen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="76"/>
        <source>Neighbourhood drift under masking</source>
        <translation>Nachbarschafts-Drift unter Maskierung</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="80"/>
        <source>keep rate rho</source>
        <translation>Behalterate rho</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="82"/>
        <source>drift (1 - mean Jaccard of neighbour sets)</source>
        <translation>Drift (1 - mittlerer Jaccard-Index der Nachbarmengen)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="87"/>
        <source>%1 — rho %2: drift %3</source>
        <translation>%1 — rho %2: Drift %3</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="92"/>
        <source>Keep rates</source>
        <translation>Behalteraten</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="93"/>
        <source>Users</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="93"/>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="93"/>
        <source>Masks</source>
        <translation>Masken</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="94"/>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="121"/>
        <source>computing: %1</source>
        <translation>Berechnung: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/geometry/DriftPanel.cpp" line="128"/>
        <location filename="../ui/geometry/DriftPanel.cpp" line="142"/>
        <source>%n user(s) measured</source>
        <translation>
            <numerusform>%n Nutzer gemessen</numerusform>
            <numerusform>%n Nutzer gemessen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="130"/>
        <source>; the focus user %1 is not in this run&apos;s latent sample</source>
        <translation>; der Fokus-Nutzer %1 ist nicht in der latenten Stichprobe dieses Laufs</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="143"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="152"/>
        <source>%1 (%2): </source>
        <translation>%1 (%2): </translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="203"/>
        <source>Keep rates must be numbers in (0, 1], separated by commas.</source>
        <translation>Behalteraten müssen Zahlen in (0, 1] sein, durch Kommas getrennt.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="250"/>
        <source>Load a dataset and choose two runs (e.g. without and with PIA) to compare their drift.</source>
        <translation>Laden Sie einen Datensatz und wählen Sie zwei Läufe (z. B. ohne und mit PIA), um ihre Drift zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="257"/>
        <source>%1 (%2, %3): %4</source>
        <translation>%1 (%2, %3): %4</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="258"/>
        <source>solid</source>
        <translation>durchgezogen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="258"/>
        <source>dashed</source>
        <translation>gestrichelt</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="260"/>
        <source>Choose run A and run B (e.g. without and with PIA) to compare their drift.</source>
        <translation>Wählen Sie Lauf A und Lauf B (z. B. ohne und mit PIA), um ihre Drift zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/DriftPanel.cpp" line="284"/>
        <source>focus user %1</source>
        <translation>Fokus-Nutzer %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::FocusPanel</name>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="51"/>
        <source>encoding the sample</source>
        <translation>Codieren der Stichprobe</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="52"/>
        <source>gradient transfer</source>
        <translation>Gradiententransfer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="53"/>
        <source>masked inputs</source>
        <translation>maskierte Eingaben</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="54"/>
        <source>loading the run</source>
        <translation>Laden des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="81"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="90"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="90"/>
        <location filename="../ui/geometry/FocusPanel.cpp" line="125"/>
        <source>Latent space (W2)</source>
        <translation>Latenter Raum (W2)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="90"/>
        <source>2-D map</source>
        <translation>2-D-Karte</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="103"/>
        <location filename="../ui/geometry/FocusPanel.cpp" line="126"/>
        <source>Keep rate</source>
        <translation>Behalterate</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="103"/>
        <location filename="../ui/geometry/FocusPanel.cpp" line="127"/>
        <source>Drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="103"/>
        <location filename="../ui/geometry/FocusPanel.cpp" line="160"/>
        <source>Masks</source>
        <translation>Masken</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="103"/>
        <source>Neighbours per mask</source>
        <translation>Nachbarn pro Maske</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="105"/>
        <source>user id, or click a user on the latent map</source>
        <translation>Nutzer-ID, oder einen Nutzer auf der latenten Karte anklicken</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="108"/>
        <source>Keep rates rho of the masked inputs, comma separated, each in (0, 1]</source>
        <translation>Behalteraten rho der maskierten Eingaben, durch Kommas getrennt, jeweils in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="111"/>
        <source>Masks drawn per keep rate</source>
        <translation>Gezogene Masken pro Behalterate</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="114"/>
        <source>k of the nearest neighbours and of the drift</source>
        <translation>k der nächsten Nachbarn und der Drift</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="117"/>
        <source>Study</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="123"/>
        <location filename="../ui/geometry/FocusPanel.cpp" line="124"/>
        <source>Who helps this user</source>
        <translation>Wer diesem Nutzer hilft</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="129"/>
        <source>W2 distance to the focus user</source>
        <translation>W2-Abstand zum Fokus-Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="130"/>
        <source>transfer T(u, v)</source>
        <translation>Transfer T(u, v)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="131"/>
        <source>share helpful (T &gt; 0)</source>
        <translation>Anteil hilfreich (T &gt; 0)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="136"/>
        <source>helpful (T &gt; 0)</source>
        <translation>hilfreich (T &gt; 0)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="138"/>
        <source>unhelpful (T &lt;= 0)</source>
        <translation>nicht hilfreich (T &lt;= 0)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="144"/>
        <source>share helpful</source>
        <translation>Anteil hilfreich</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="154"/>
        <source>%1 — d = %2: %3</source>
        <translation>%1 — d = %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="158"/>
        <source>Keep rates</source>
        <translation>Behalteraten</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="162"/>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="164"/>
        <source>Top N</source>
        <translation>Top N</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="175"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="177"/>
        <source>Recommended (unseen items)</source>
        <translation>Empfohlen (ungesehene Artikel)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="189"/>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="190"/>
        <source>Neighbours</source>
        <translation>Nachbarn</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="191"/>
        <source>Who helps</source>
        <translation>Wer hilft</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="192"/>
        <source>Masking drift</source>
        <translation>Maskierungs-Drift</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="246"/>
        <source>Enter a user id, or click a user on the latent map.</source>
        <translation>Geben Sie eine Nutzer-ID ein oder klicken Sie auf einen Nutzer in der latenten Karte.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="277"/>
        <source>Load a dataset first.</source>
        <translation>Laden Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="278"/>
        <source>Choose a run: the focus view studies its best weights.</source>
        <translation>Wählen Sie einen Lauf: Die Fokusansicht untersucht seine besten Gewichte.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="280"/>
        <source>Keep rates must be numbers in (0, 1], separated by commas.</source>
        <translation>Behalteraten müssen Zahlen in (0, 1] sein, durch Kommas getrennt.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="293"/>
        <source>Studying the user: loading the run...</source>
        <translation>Nutzer wird untersucht: Laden des Laufs...</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="306"/>
        <source>Studying the user: %1, %2 of %3</source>
        <translation>Nutzer wird untersucht: %1, %2 von %3</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="307"/>
        <source>Studying the user: %1...</source>
        <translation>Nutzer wird untersucht: %1...</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="335"/>
        <source>Load a dataset and choose a run to study a user&apos;s neighbourhood.</source>
        <translation>Laden Sie einen Datensatz und wählen Sie einen Lauf, um die Nachbarschaft eines Nutzers zu untersuchen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="336"/>
        <source>Choose a run to study a user&apos;s neighbourhood.</source>
        <translation>Wählen Sie einen Lauf, um die Nachbarschaft eines Nutzers zu untersuchen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="337"/>
        <source>Click a user on the latent map or enter a user id.</source>
        <translation>Klicken Sie auf einen Nutzer in der latenten Karte oder geben Sie eine Nutzer-ID ein.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="345"/>
        <source>This run recorded no latent sample: its users are %1 drawn from the split with seed 1.</source>
        <translation>Dieser Lauf hat keine latente Stichprobe aufgezeichnet: Verwendet werden %1 Nutzer, die mit Startwert 1 aus dem Split gezogen werden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/geometry/FocusPanel.cpp" line="373"/>
        <source>User %1 (%2, sample position %3): %n interaction(s), cohort %4. Run: %5 (%6).</source>
        <translation>
            <numerusform>Nutzer %1 (%2, Stichprobenposition %3): %n Interaktion, Kohorte %4. Lauf: %5 (%6).</numerusform>
            <numerusform>Nutzer %1 (%2, Stichprobenposition %3): %n Interaktionen, Kohorte %4. Lauf: %5 (%6).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="436"/>
        <source>The map&apos;s neighbours appear once a latent map of this run&apos;s sample is shown.</source>
        <translation>Die Nachbarn auf der Karte erscheinen, sobald eine latente Karte der Stichprobe dieses Laufs angezeigt wird.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="437"/>
        <source>%1 of the %2 nearest users in latent space are also among the %3 nearest on the 2-D map (bold: in both).</source>
        <translation>%1 der %2 nächsten Nutzer im latenten Raum sind auch unter den %3 nächsten auf der 2-D-Karte (fett: in beiden).</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="452"/>
        <source>Gradient transfer is available for Mult-VAE and Mult-DAE only (this run is %1).</source>
        <translation>Gradiententransfer ist nur für Mult-VAE und Mult-DAE verfügbar (dieser Lauf ist %1).</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="476"/>
        <source>r_share = %1</source>
        <translation>r_share = %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="478"/>
        <source>no r_share: every window is mostly helpful</source>
        <translation>kein r_share: Jedes Fenster ist überwiegend hilfreich</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="485"/>
        <source>%1 of %2 users help (T &gt; 0); %3 lie within r_share = %4.</source>
        <translation>%1 von %2 Nutzern helfen (T &gt; 0); %3 liegen innerhalb von r_share = %4.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="490"/>
        <source>%1 of %2 users help (T &gt; 0); no sharing radius: the helpful share stays above one half.</source>
        <translation>%1 von %2 Nutzern helfen (T &gt; 0); kein Teilungsradius: Der hilfreiche Anteil bleibt über der Hälfte.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/FocusPanel.cpp" line="493"/>
        <source>Gradients at the posterior mean, clean input.</source>
        <translation>Gradienten am Posterior-Mittelwert, unmaskierte Eingabe.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::FormatOptionsDialog</name>
    <message>
        <location filename="../ui/panels/FormatOptionsDialog.cpp" line="29"/>
        <source>Options of the %1 format</source>
        <translation>Optionen des Formats %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/FormatOptionsDialog.cpp" line="35"/>
        <source>Nothing detected: %1</source>
        <translation>Nichts erkannt: %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/FormatOptionsDialog.cpp" line="72"/>
        <source>The first lines of the file show here when the path names a file.</source>
        <translation>Hier erscheinen die ersten Zeilen der Datei, wenn der Pfad eine Datei nennt.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::HelpDialog</name>
    <message>
        <location filename="../ui/help/HelpDialog.cpp" line="12"/>
        <source>&lt;h2&gt;First steps&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Data.&lt;/b&gt; The window opens on the bundled MovieLens latest-small dataset, split by the strong-generalisation protocol: some users are held out entirely, and part of each held-out user&apos;s items is hidden and must be recommended. Load another dataset in the Data panel (its format is detected).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Model.&lt;/b&gt; Choose a model and its parameters in the Model panel; the window starts from a quick preset so that curves move within seconds. Parameters marked ● change a running model.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Train.&lt;/b&gt; Press Run (F5). Watch the loss terms and the validation NDCG@100; Pause (F6), step a batch (F7) or an epoch (F8), Stop (Shift+F5).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compare.&lt;/b&gt; Every run is a folder in the run table with its test metrics. Select runs to overlay their curves and cohorts; a filter such as &lt;i&gt;state:finished&lt;/i&gt; narrows the table.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Look inside.&lt;/b&gt; The Latent space tab shows the users&apos; posteriors on a 2-D map; click a user to study who helps it (gradient transfer) and how its neighbours drift when its history is masked.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;The command line &lt;tt&gt;vaecf&lt;/tt&gt; runs the same core: &lt;tt&gt;vaecf train --model recvae&lt;/tt&gt; writes a run folder the window opens.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Erste Schritte&lt;/h2&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Daten.&lt;/b&gt; Das Fenster öffnet sich mit dem mitgelieferten Datensatz MovieLens latest-small, aufgeteilt nach dem Protokoll der starken Generalisierung: einige Nutzer werden ganz zurückgehalten, und ein Teil der Artikel jedes zurückgehaltenen Nutzers ist verborgen und muss empfohlen werden. Einen anderen Datensatz lädt das Daten-Panel (sein Format wird erkannt).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Modell.&lt;/b&gt; Modell und Parameter wählt das Modell-Panel; das Fenster beginnt mit einer schnellen Voreinstellung, sodass sich die Kurven binnen Sekunden bewegen. Mit ● markierte Parameter ändern ein laufendes Modell.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Trainieren.&lt;/b&gt; Start (F5) drücken. Verlustterme und Validierungs-NDCG@100 verfolgen; Pause (F6), einen Batch (F7) oder eine Epoche (F8) weiter, Stopp (Umschalt+F5).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Vergleichen.&lt;/b&gt; Jeder Lauf ist ein Ordner in der Lauftabelle mit seinen Testmetriken. Ausgewählte Läufe legen ihre Kurven und Kohorten übereinander; ein Filter wie &lt;i&gt;state:finished&lt;/i&gt; grenzt die Tabelle ein.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Hineinschauen.&lt;/b&gt; Der Reiter Latenter Raum zeigt die Posterioren der Nutzer auf einer 2-D-Karte; ein Klick auf einen Nutzer untersucht, wer ihm hilft (Gradiententransfer) und wie seine Nachbarn driften, wenn seine Historie maskiert wird.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Die Kommandozeile &lt;tt&gt;vaecf&lt;/tt&gt; nutzt denselben Kern: &lt;tt&gt;vaecf train --model recvae&lt;/tt&gt; schreibt einen Laufordner, den das Fenster öffnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/help/HelpDialog.cpp" line="33"/>
        <location filename="../ui/help/HelpDialog.cpp" line="45"/>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <location filename="../ui/help/HelpDialog.cpp" line="41"/>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/help/HelpDialog.cpp" line="44"/>
        <source>First steps</source>
        <translation>Erste Schritte</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LatentMapScene</name>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="217"/>
        <source>No users selected</source>
        <translation>Keine Nutzer ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="225"/>
        <source>%1 users selected: mean %2 interactions; train %3, validation %4, test %5</source>
        <translation>%1 Nutzer ausgewählt: im Mittel %2 Interaktionen; Training %3, Validierung %4, Test %5</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="319"/>
        <source>User %1
split: %2
interactions: %3
cohort: %4</source>
        <translation>Nutzer %1
Split: %2
Interaktionen: %3
Kohorte: %4</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="327"/>
        <source>Item column %1</source>
        <translation>Artikelspalte %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="329"/>
        <source>Anchor of %1</source>
        <translation>Anker von %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="330"/>
        <source>Anchor of %1
genre: %2</source>
        <translation>Anker von %1
Genre: %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="333"/>
        <source>Pseudo-input %1
click to list the items it stands for</source>
        <translation>Pseudo-Input %1
Klicken, um die Artikel aufzulisten, für die er steht</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="424"/>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="665"/>
        <source>illustration only: a 2-D projection does not preserve latent distances</source>
        <translation>nur zur Veranschaulichung: Eine 2-D-Projektion erhält die latenten Abstände nicht</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="469"/>
        <source>%1, epoch %2</source>
        <translation>%1, Epoche %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="470"/>
        <source>%1, t-SNE of the best weights (epoch %2)</source>
        <translation>%1, t-SNE der besten Gewichte (Epoche %2)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="481"/>
        <source>%1 interactions</source>
        <translation>%1 Interaktionen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="488"/>
        <source>%1 interactions (fewest)</source>
        <translation>%1 Interaktionen (wenigste)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="490"/>
        <source>%1 interactions (most)</source>
        <translation>%1 Interaktionen (meiste)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="502"/>
        <source>item anchors</source>
        <translation>Artikelanker</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="505"/>
        <source>other genres</source>
        <translation>andere Genres</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="509"/>
        <source>pseudo-inputs (%1)</source>
        <translation>Pseudo-Inputs (%1)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="512"/>
        <source>within the sharing radius</source>
        <translation>innerhalb des Teilungsradius</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="514"/>
        <source>neighbour in latent space and on the map</source>
        <translation>Nachbar im latenten Raum und auf der Karte</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="515"/>
        <source>neighbour in latent space only</source>
        <translation>Nachbar nur im latenten Raum</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="516"/>
        <source>neighbour on the map only</source>
        <translation>Nachbar nur auf der Karte</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="519"/>
        <source>masked input, keep rate %1</source>
        <translation>maskierte Eingabe, Behalterate %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="522"/>
        <source>centroid of the user&apos;s item anchors, pulling each masked mean (dashed)</source>
        <translation>Schwerpunkt der Artikel-Anker des Nutzers, zieht jedes maskierte Mittel (gestrichelt)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="525"/>
        <source>neighbour under every mask (square)</source>
        <translation>Nachbar unter jeder Maske (Quadrat)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentMapScene.cpp" line="527"/>
        <source>neighbour under some masks (dotted square)</source>
        <translation>Nachbar unter einigen Masken (gepunktetes Quadrat)</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LatentPanel</name>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="50"/>
        <source>Users</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="51"/>
        <source>Anchors</source>
        <translation>Anker</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="52"/>
        <source>Pseudo-inputs</source>
        <translation>Pseudo-Inputs</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="53"/>
        <source>Focus</source>
        <translation>Fokus</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="73"/>
        <source>Could not read the latent frames: %1</source>
        <translation>Die latenten Frames konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="79"/>
        <source>Reading latent frames: %1 of %2</source>
        <translation>Latente Frames werden gelesen: %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="83"/>
        <source>Writing the video: frame %1 of %2</source>
        <translation>Video wird geschrieben: Frame %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="87"/>
        <source>Video written to %1</source>
        <translation>Video nach %1 geschrieben</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="92"/>
        <source>Could not write the video: %1</source>
        <translation>Das Video konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="97"/>
        <source>Video export cancelled</source>
        <translation>Videoexport abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="107"/>
        <source>Could not compute the t-SNE map: %1</source>
        <translation>Die t-SNE-Karte konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="115"/>
        <source>t-SNE: iteration %1 of %2</source>
        <translation>t-SNE: Iteration %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="116"/>
        <source>Encoding the sample: %1 of %2</source>
        <translation>Codieren der Stichprobe: %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="133"/>
        <source>Colour by cohort</source>
        <translation>Nach Kohorte färben</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="134"/>
        <source>Colour by activity</source>
        <translation>Nach Aktivität färben</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="135"/>
        <source>Colour by split</source>
        <translation>Nach Split färben</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="136"/>
        <source>Cohorts bucket users by interactions; activity is a log-scale ramp</source>
        <translation>Kohorten gruppieren Nutzer nach Interaktionen; Aktivität ist ein logarithmischer Farbverlauf</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="144"/>
        <source>PIA item anchors, coloured by genre when the data has genres</source>
        <translation>PIA-Artikelanker, nach Genre gefärbt, wenn die Daten Genres enthalten</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="145"/>
        <source>VampPrior pseudo-inputs: click one to list the items it stands for</source>
        <translation>VampPrior-Pseudo-Inputs: Einen anklicken, um die Artikel aufzulisten, für die er steht</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="146"/>
        <source>The focus user&apos;s sharing radius, neighbours and masked inputs</source>
        <translation>Teilungsradius, Nachbarn und maskierte Eingaben des Fokus-Nutzers</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="149"/>
        <source>Select</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="151"/>
        <source>Drag a rectangle to select users (shift+drag works without this); Esc clears</source>
        <translation>Ein Rechteck aufziehen, um Nutzer auszuwählen (Umschalt+Ziehen geht auch ohne diese Schaltfläche); Esc hebt die Auswahl auf</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="154"/>
        <source>PCA, per epoch</source>
        <translation>PCA, je Epoche</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="155"/>
        <source>t-SNE of the best weights</source>
        <translation>t-SNE der besten Gewichte</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="156"/>
        <source>PCA frames recorded while training, with playback; or a seeded t-SNE map of the best weights, which keeps neighbourhoods but not distances</source>
        <translation>Während des Trainings aufgezeichnete PCA-Frames mit Wiedergabe; oder eine t-SNE-Karte der besten Gewichte mit festem Startwert, die Nachbarschaften erhält, aber keine Abstände</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="167"/>
        <source>Video…</source>
        <translation>Video …</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="168"/>
        <source>Save the playback of every frame as a Motion-JPEG .avi video</source>
        <translation>Die Wiedergabe aller Frames als Motion-JPEG-Video (.avi) speichern</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="172"/>
        <location filename="../ui/geometry/LatentPanel.cpp" line="439"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="175"/>
        <source>%1 frames/s</source>
        <translation>%1 Frames/s</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="197"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="337"/>
        <source>A t-SNE map needs a run with a latent sample and the data it was trained on.</source>
        <translation>Eine t-SNE-Karte braucht einen Lauf mit latenter Stichprobe und die Daten, auf denen er trainiert wurde.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="340"/>
        <source>Computing the t-SNE map…</source>
        <translation>Die t-SNE-Karte wird berechnet …</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="355"/>
        <source>t-SNE of the best weights (epoch %1)</source>
        <translation>t-SNE der besten Gewichte (Epoche %1)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="373"/>
        <source>Epoch %1 (%2 of %3)</source>
        <translation>Epoche %1 (%2 von %3)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="395"/>
        <source>Open a run to see its latent map.</source>
        <translation>Öffnen Sie einen Lauf, um seine latente Karte zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="397"/>
        <source>Reading the latent frames…</source>
        <translation>Latente Frames werden gelesen …</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="400"/>
        <source>This run ended before its first latent frame (due after epoch %1): continue it to record frames.</source>
        <translation>Dieser Lauf endete vor seinem ersten Latent-Frame (fällig nach Epoche %1): Setzen Sie ihn fort, um Frames aufzuzeichnen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="404"/>
        <source>Waiting for the first latent frame (written after epoch %1).</source>
        <translation>Warte auf das erste latente Bild (geschrieben nach Epoche %1).</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="407"/>
        <source>This run recorded no latent frames: runs of the VAE family record them every latent_every epochs.</source>
        <translation>Dieser Lauf hat keine latenten Frames aufgezeichnet: Läufe der VAE-Familie zeichnen sie alle latent_every Epochen auf.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="439"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="457"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="457"/>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="463"/>
        <source>Export video</source>
        <translation>Video exportieren</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="463"/>
        <source>Motion-JPEG videos (*.avi)</source>
        <translation>Motion-JPEG-Videos (*.avi)</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentPanel.cpp" line="473"/>
        <source>Writing the video…</source>
        <translation>Video wird geschrieben …</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LatentWorkspace</name>
    <message>
        <location filename="../ui/geometry/LatentWorkspace.cpp" line="51"/>
        <source>Focus user</source>
        <translation>Fokus-Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentWorkspace.cpp" line="52"/>
        <source>Drift</source>
        <translation>Drift</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentWorkspace.cpp" line="53"/>
        <source>Pseudo-inputs</source>
        <translation>Pseudo-Inputs</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentWorkspace.cpp" line="118"/>
        <source>Current run: %1</source>
        <translation>Aktueller Lauf: %1</translation>
    </message>
    <message>
        <location filename="../ui/geometry/LatentWorkspace.cpp" line="118"/>
        <source>Run: %1</source>
        <translation>Lauf: %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LessonBrowser</name>
    <message>
        <location filename="../ui/lessons/LessonBrowser.cpp" line="21"/>
        <source>Short setting: fewer epochs, the same claims (for a slow computer)</source>
        <translation>Kurze Variante: weniger Epochen, dieselben Behauptungen (für einen langsamen Rechner)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonBrowser.cpp" line="22"/>
        <source>Start lesson</source>
        <translation>Lektion starten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonBrowser.cpp" line="24"/>
        <source>&lt;h2&gt;Lessons&lt;/h2&gt;&lt;p&gt;Each lesson teaches one idea behind variational-autoencoder recommenders on real or generated data. You read a step, predict what will happen, press Run, and the lesson checks its claim on your own runs, with the numbers. You need to know what a neural network is, not the papers. Start with lesson 1.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Lektionen&lt;/h2&gt;&lt;p&gt;Jede Lektion vermittelt eine Idee hinter Empfehlungssystemen mit variationalen Autoencodern, an echten oder generierten Daten. Einen Schritt lesen, vorhersagen, was passieren wird, Starten drücken – und die Lektion prüft ihre Behauptung an den eigenen Läufen, mit den Zahlen dazu. Es genügt zu wissen, was ein neuronales Netz ist; die Fachartikel braucht es nicht. Am besten mit Lektion 1 beginnen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonBrowser.cpp" line="35"/>
        <source>Open a saved lesson…</source>
        <translation>Gespeicherte Lektion öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonBrowser.cpp" line="65"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LessonView</name>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="86"/>
        <source>Predict first</source>
        <translation>Erst vorhersagen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="90"/>
        <source>Your settings</source>
        <translation>Eigene Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="92"/>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="93"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="97"/>
        <source>◀ Back</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="98"/>
        <source>Next ▶</source>
        <translation>Weiter ▶</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="126"/>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="140"/>
        <source>The step&apos;s runs could not be completed: %1</source>
        <translation>Die Läufe des Schritts konnten nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="142"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="152"/>
        <source>The lesson&apos;s data could not be loaded: %1</source>
        <translation>Die Daten der Lektion konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="182"/>
        <source>Train this step&apos;s runs (finished ones are kept), then check the lesson&apos;s claims on them</source>
        <translation>Die Läufe dieses Schritts trainieren (fertige bleiben erhalten), dann die Behauptungen der Lektion an ihnen prüfen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="194"/>
        <location filename="../ui/lessons/LessonView.cpp" line="652"/>
        <source>Claim</source>
        <translation>Behauptung</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="194"/>
        <location filename="../ui/lessons/LessonView.cpp" line="652"/>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="194"/>
        <location filename="../ui/lessons/LessonView.cpp" line="652"/>
        <source>Held</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="209"/>
        <source>All lessons</source>
        <translation>Alle Lektionen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="211"/>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="212"/>
        <source>Save the lesson where you are, to reopen it exactly or hand it on</source>
        <translation>Die Lektion mit dem aktuellen Stand speichern, um sie genau dort wieder zu öffnen oder weiterzugeben</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="214"/>
        <source>Report…</source>
        <translation>Bericht …</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="215"/>
        <source>Write an HTML report with the steps, your predictions, the checks and the charts</source>
        <translation>Einen HTML-Bericht mit den Schritten, den eigenen Vorhersagen, den Prüfungen und den Diagrammen schreiben</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="245"/>
        <source>Test metrics of the step&apos;s runs on the same held-out users; Runs → Compare… tests their difference user by user.</source>
        <translation>Testmetriken der Läufe des Schritts auf denselben zurückgehaltenen Nutzern; Läufe → Vergleichen… testet ihren Unterschied Nutzer für Nutzer.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="270"/>
        <source>Step %1 of %2: %3</source>
        <translation>Schritt %1 von %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="303"/>
        <source>Press Run to train this step&apos;s runs; finished ones are kept.</source>
        <translation>Starten drücken, um die Läufe dieses Schritts zu trainieren; fertige bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="359"/>
        <source>This step does not let you change %1.</source>
        <translation>In diesem Schritt lässt sich %1 nicht ändern.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="421"/>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="425"/>
        <source>Cohorts</source>
        <translation>Kohorten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="431"/>
        <source>Latent space</source>
        <translation>Latenter Raum</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="435"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="439"/>
        <source>Slow motion</source>
        <translation>Zeitlupe</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="502"/>
        <source>The run %1 could not be read: %2</source>
        <translation>Der Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="505"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="505"/>
        <source>Run</source>
        <comment>a trained run, as a column header</comment>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="506"/>
        <source>test %1</source>
        <translation>Test %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="507"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="507"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="542"/>
        <source>Training this step&apos;s runs…</source>
        <translation>Die Läufe dieses Schritts werden trainiert …</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/LessonView.cpp" line="563"/>
        <source>%n run(s) ready after %1 s.</source>
        <translation>
            <numerusform>%n Lauf nach %1 s fertig.</numerusform>
            <numerusform>%n Läufe nach %1 s fertig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/LessonView.cpp" line="565"/>
        <source>%n run(s) ready after %1 s; %2 of %3 claims held.</source>
        <translation>
            <numerusform>%n Lauf nach %1 s fertig; %2 von %3 Behauptungen bestätigt.</numerusform>
            <numerusform>%n Läufe nach %1 s fertig; %2 von %3 Behauptungen bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="590"/>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="598"/>
        <source>✓ held</source>
        <translation>✓ bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="598"/>
        <source>✗ did not hold</source>
        <translation>✗ nicht bestätigt</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="607"/>
        <source>Choose an answer above before you press Run.</source>
        <translation>Erst oben eine Antwort wählen, dann Starten drücken.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="613"/>
        <source>The answer: %1.</source>
        <translation>Die Antwort: %1.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="615"/>
        <source>You predicted it: %1.</source>
        <translation>Richtig vorhergesagt: %1.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="618"/>
        <source>You predicted “%1”; the runs say: %2.</source>
        <translation>Vorhergesagt: „%1“; die Läufe sagen: %2.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="636"/>
        <source>Setting: %1. Runs in %2.</source>
        <translation>Variante: %1. Läufe in %2.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="637"/>
        <source>short</source>
        <translation>kurz</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="637"/>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="644"/>
        <source>Prediction:</source>
        <translation>Vorhersage:</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="644"/>
        <source>Chosen</source>
        <translation>Gewählt</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="646"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="661"/>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="664"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="665"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonView.cpp" line="671"/>
        <source>The panels of the last step shown</source>
        <translation>Die Panels des zuletzt gezeigten Schritts</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LessonWorkspace</name>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="36"/>
        <source>Open a saved lesson</source>
        <translation>Gespeicherte Lektion öffnen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="37"/>
        <source>Saved lessons (*.vaecf-lesson.json *.json)</source>
        <translation>Gespeicherte Lektionen (*.vaecf-lesson.json *.json)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="42"/>
        <source>Save the lesson</source>
        <translation>Lektion speichern</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="43"/>
        <source>Saved lessons (*.vaecf-lesson.json)</source>
        <translation>Gespeicherte Lektionen (*.vaecf-lesson.json)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="48"/>
        <source>Write a lesson report</source>
        <translation>Lektionsbericht schreiben</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="48"/>
        <source>HTML pages (*.html)</source>
        <translation>HTML-Seiten (*.html)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="80"/>
        <source>The lesson could not be saved: %1</source>
        <translation>Die Lektion konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="90"/>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="112"/>
        <source>The lesson could not be opened: %1</source>
        <translation>Die Lektion konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/LessonWorkspace.cpp" line="122"/>
        <source>The report could not be written: %1</source>
        <translation>Der Bericht konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::LossPanel</name>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="57"/>
        <source>Smooth</source>
        <translation>Glätten</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="59"/>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="61"/>
        <source>Training scalars</source>
        <translation>Trainingsgrößen</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="69"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="70"/>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="71"/>
        <source>Wall time (s)</source>
        <translation>Laufzeit (s)</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="72"/>
        <source>Step and wall time plot about ten summaries a second; epoch plots epoch means</source>
        <translation>Schritt und Laufzeit zeigen etwa zehn Zusammenfassungen pro Sekunde; Epoche zeigt Epochenmittel</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="77"/>
        <source>Debiased exponential moving average, as in TensorBoard</source>
        <translation>Bias-korrigierter exponentieller gleitender Mittelwert, wie in TensorBoard</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="81"/>
        <source>Smoothing weight</source>
        <translation>Glättungsgewicht</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="90"/>
        <source>Scalars to plot</source>
        <translation>Anzuzeigende Größen</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="96"/>
        <source>x:</source>
        <translation>x:</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="355"/>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="356"/>
        <source>epoch %1</source>
        <translation>Epoche %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/LossPanel.cpp" line="357"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::MainWindow</name>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="222"/>
        <source>Continue run</source>
        <translation>Lauf fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="223"/>
        <source>Continue the stopped or unfinished run selected in the run table from its last checkpoint, on the loaded data</source>
        <translation>Den in der Lauftabelle gewählten angehaltenen oder unvollendeten Lauf ab seinem letzten Checkpoint auf den geladenen Daten fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="617"/>
        <source>Select one run in the run table to continue.</source>
        <translation>Wählen Sie in der Lauftabelle einen Lauf zum Fortsetzen.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="75"/>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="76"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="77"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="78"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="79"/>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="80"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="115"/>
        <source>VAE-CF Workbench</source>
        <translation>VAE-CF-Werkbank</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="130"/>
        <source>Training curves</source>
        <translation>Trainingskurven</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="131"/>
        <source>Latent space</source>
        <translation>Latenter Raum</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="132"/>
        <location filename="../ui/window/MainWindow.cpp" line="309"/>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="133"/>
        <source>Sweeps</source>
        <translation>Sweeps</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="162"/>
        <source>Reading the selected runs: %1 of %2</source>
        <translation>Die ausgewählten Läufe werden gelesen: %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="184"/>
        <source>Run</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="184"/>
        <source>Start a new run, or resume the current one</source>
        <translation>Einen neuen Lauf starten oder den aktuellen fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="185"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="185"/>
        <source>Pause at the next batch</source>
        <translation>Beim nächsten Batch pausieren</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="186"/>
        <source>Step batch</source>
        <translation>Batch schrittweise</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="186"/>
        <location filename="../ui/window/MainWindow.cpp" line="605"/>
        <source>Train one batch, then pause</source>
        <translation>Einen Batch trainieren, dann pausieren</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="187"/>
        <source>Step epoch</source>
        <translation>Epoche schrittweise</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="188"/>
        <location filename="../ui/window/MainWindow.cpp" line="607"/>
        <source>Train to the end of the current epoch, then pause</source>
        <translation>Bis zum Ende der aktuellen Epoche trainieren, dann pausieren</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="189"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="190"/>
        <source>Stop at the next batch; Run continues from the last checkpoint</source>
        <translation>Beim nächsten Batch anhalten; Start setzt am letzten Checkpoint fort</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="191"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="192"/>
        <source>Drop the current run; the next Run starts afresh with the seed beside this button</source>
        <translation>Den aktuellen Lauf verwerfen; der nächste Start beginnt neu mit dem Startwert neben dieser Schaltfläche</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="194"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="204"/>
        <source>seed </source>
        <translation>Startwert </translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="205"/>
        <source>Seed of the next run after Reset</source>
        <translation>Startwert des nächsten Laufs nach dem Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="216"/>
        <source>The last run has ended, so %1 starts a new run.</source>
        <translation>Der letzte Lauf ist beendet, daher startet %1 einen neuen Lauf.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="229"/>
        <source>Compare…</source>
        <translation>Vergleichen…</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="230"/>
        <source>Compare the two runs selected in the run table on their shared test users: paired differences with intervals and p-values, overall and per cohort</source>
        <translation>Die zwei in der Lauftabelle gewählten Läufe auf ihren gemeinsamen Testnutzern vergleichen: gepaarte Differenzen mit Intervallen und p-Werten, insgesamt und je Kohorte</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="256"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="257"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="260"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="261"/>
        <source>Recommendations</source>
        <translation>Empfehlungen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="269"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="270"/>
        <source>Choose runs folder…</source>
        <translation>Ordner für Läufe wählen …</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="271"/>
        <source>Runs folder</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="274"/>
        <source>Save session…</source>
        <translation>Sitzung speichern …</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="275"/>
        <source>Save session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="275"/>
        <location filename="../ui/window/MainWindow.cpp" line="279"/>
        <source>Sessions (*.json)</source>
        <translation>Sitzungen (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="278"/>
        <source>Open session…</source>
        <translation>Sitzung öffnen …</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="279"/>
        <source>Open session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="284"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="286"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="289"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="291"/>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="299"/>
        <source>Stop the run, sweep or lesson in training or let it end, then choose the language again.</source>
        <translation>Halten Sie den Lauf, Sweep oder die Lektion im Training an oder lassen Sie sie enden, und wählen Sie dann die Sprache erneut.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="306"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="307"/>
        <source>First steps</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="308"/>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="311"/>
        <source>Plugins…</source>
        <translation>Plugins…</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="347"/>
        <source>The data could not be loaded; the session keeps its current data.
%1</source>
        <translation>Die Daten konnten nicht geladen werden; die Sitzung behält ihre bisherigen Daten.
%1</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="407"/>
        <source>Stopped early: validation stopped improving.</source>
        <translation>Vorzeitig beendet: Die Validierung verbesserte sich nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="416"/>
        <source>The run has ended; its record keeps the changes made while it trained. The next run starts from the form again: %1.</source>
        <translation>Der Lauf ist beendet; sein Protokoll behält die während des Trainings vorgenommenen Änderungen. Der nächste Lauf beginnt wieder mit den Werten des Formulars: %1.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="445"/>
        <source>%1 = %2 for the next run.</source>
        <translation>%1 = %2 für den nächsten Lauf.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="448"/>
        <source>%1 = %2 applied to the running model.</source>
        <translation>%1 = %2 auf das laufende Modell angewendet.</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="452"/>
        <source>%1 = %2 takes effect when a new run starts (Reset, then Run).</source>
        <translation>%1 = %2 wirkt, sobald ein neuer Lauf beginnt (Zurücksetzen, dann Start).</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="464"/>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="513"/>
        <source>The run %1 could not be read: %2</source>
        <translation>Der Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="525"/>
        <source>Run colour</source>
        <translation>Farbe des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="574"/>
        <source>starting %1 local workers (each loads the data)</source>
        <translation>%1 lokale Worker werden gestartet (jeder lädt die Daten)</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="575"/>
        <source>preparing the split from the raw data</source>
        <translation>die Aufteilung wird aus den Rohdaten vorbereitet</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="578"/>
        <source>epoch %1 of %2</source>
        <translation>Epoche %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="581"/>
        <source>%1 users/s</source>
        <translation>%1 Nutzer/s</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="568"/>
        <location filename="../ui/window/MainWindow.cpp" line="582"/>
        <source>elapsed %1</source>
        <translation>vergangen %1</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="583"/>
        <source>ETA %1</source>
        <translation>verbleibend %1</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="606"/>
        <source>Start a new run and pause after its first batch</source>
        <translation>Einen neuen Lauf starten und nach seinem ersten Batch anhalten</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="608"/>
        <source>Start a new run and pause after its first epoch</source>
        <translation>Einen neuen Lauf starten und nach seiner ersten Epoche anhalten</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="655"/>
        <source>The session could not be saved: %1</source>
        <translation>Die Sitzung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="666"/>
        <source>The session could not be opened: %1</source>
        <translation>Die Sitzung konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="563"/>
        <source>closed-form fit: %1, step %2 of %3</source>
        <translation>Fit in geschlossener Form: %1, Schritt %2 von %3</translation>
    </message>
    <message>
        <location filename="../ui/window/MainWindow.cpp" line="567"/>
        <source>closed-form fit</source>
        <translation>Fit in geschlossener Form</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::MessageBar</name>
    <message>
        <location filename="../ui/panels/MessageBar.cpp" line="15"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::MetricSlices</name>
    <message>
        <location filename="../ui/sweeps/MetricSlices.cpp" line="22"/>
        <source>The validation metric against each swept option, one dot per finished trial; grey while the parallel-coordinates brushes leave it out</source>
        <translation>Die Validierungsmetrik über jeder variierten Option, ein Punkt je abgeschlossenem Versuch; grau, solange die Pinsel der parallelen Koordinaten ihn ausblenden</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/MetricSlices.cpp" line="82"/>
        <source>%1 (log)</source>
        <translation>%1 (log)</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/MetricSlices.cpp" line="114"/>
        <source>Finished trials appear here</source>
        <translation>Abgeschlossene Versuche erscheinen hier</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ModelPanel</name>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="50"/>
        <source>Ranks that train one model together on this machine, each on a share of every batch, their gradients summed after each step (torch.distributed, Gloo). Each rank gets its share of the threads; on a machine with few cores expect little speed-up.</source>
        <translation>Ränge, die gemeinsam ein Modell auf diesem Rechner trainieren, jeder auf einem Teil jedes Batches; ihre Gradienten werden nach jedem Schritt summiert (torch.distributed, Gloo). Jeder Rang erhält seinen Anteil der Threads; auf einem Rechner mit wenigen Kernen ist kaum Beschleunigung zu erwarten.</translation>
    </message>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="55"/>
        <source>Local workers</source>
        <translation>Lokale Worker</translation>
    </message>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="66"/>
        <source>● live: applied to a running model at the next batch
italic: not the declared default that vaecf train uses (hover for both)</source>
        <translation>● live: wird beim nächsten Batch auf ein laufendes Modell angewandt
kursiv: nicht der deklarierte Standardwert, den vaecf train verwendet (beide beim Überfahren)</translation>
    </message>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="116"/>
        <source>%1 here; the declared default, which vaecf train uses, is %2.

%3</source>
        <translation>%1 hier; der deklarierte Standardwert, den vaecf train verwendet, ist %2.

%3</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::ParallelCoordinates</name>
    <message>
        <location filename="../ui/sweeps/ParallelCoordinates.cpp" line="24"/>
        <source>Drag along an axis to keep only the trials inside that interval; click an axis to clear it</source>
        <translation>Entlang einer Achse ziehen, um nur die Versuche in diesem Intervall zu behalten; ein Klick auf eine Achse hebt das auf</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/ParallelCoordinates.cpp" line="138"/>
        <source>%1 (log)</source>
        <translation>%1 (log)</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/ParallelCoordinates.cpp" line="165"/>
        <source>Finished trials appear here</source>
        <translation>Abgeschlossene Versuche erscheinen hier</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::PluginsDialog</name>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="35"/>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="36"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="36"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="36"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="36"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="37"/>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="37"/>
        <source>Provides</source>
        <translation>Stellt bereit</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="37"/>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="37"/>
        <source>Why refused</source>
        <translation>Grund der Ablehnung</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="52"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="52"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="64"/>
        <source>Load this plugin when the program starts</source>
        <translation>Dieses Plugin beim Programmstart laden</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="73"/>
        <source>Plugin API %1. Shared-library plugins are read from: %2</source>
        <translation>Plugin-API %1. Plugins als gemeinsame Bibliotheken werden gelesen aus: %2</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="75"/>
        <source>VAECF_PLUGIN_PATH (unset)</source>
        <translation>VAECF_PLUGIN_PATH (nicht gesetzt)</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="108"/>
        <source>%1 is %2 from the next start of the program.</source>
        <translation>%1 ist ab dem nächsten Programmstart %2.</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="109"/>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="109"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location filename="../ui/plugins/PluginsDialog.cpp" line="111"/>
        <source>The plugin settings could not be changed: %1</source>
        <translation>Die Plugin-Einstellungen konnten nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::PseudoInputPanel</name>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="30"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="39"/>
        <source>top </source>
        <translation>Top </translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="40"/>
        <source>Items decoded per pseudo-input</source>
        <translation>Decodierte Artikel pro Pseudo-Input</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="44"/>
        <source>The VampPrior&apos;s pseudo-inputs u_k; their encoded means are the map&apos;s markers</source>
        <translation>Die Pseudo-Inputs u_k des VampPrior; ihre codierten Mittelwerte sind die Markierungen auf der Karte</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="50"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="50"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="50"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="50"/>
        <source>Genres</source>
        <translation>Genres</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="68"/>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="121"/>
        <source>Decoding the pseudo-inputs...</source>
        <translation>Pseudo-Inputs werden decodiert...</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="137"/>
        <source>Choose a VampPrior run (%1) to see its pseudo-inputs.</source>
        <translation>Wählen Sie einen VampPrior-Lauf (%1), um seine Pseudo-Eingaben zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="147"/>
        <source>a model with a VampPrior</source>
        <translation>ein Modell mit VampPrior</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="147"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="158"/>
        <source>This run&apos;s model (%1) has no VampPrior: there are no pseudo-inputs to show. Train %2 to see them.</source>
        <translation>Das Modell dieses Laufs (%1) hat keinen VampPrior: Es gibt keine Pseudo-Eingaben. Trainieren Sie %2, um sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="156"/>
        <source>Pseudo-input %1</source>
        <translation>Pseudo-Input %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/geometry/PseudoInputPanel.cpp" line="161"/>
        <source>%1 has %n pseudo-input(s); select one to see the items it decodes to.</source>
        <translation>
            <numerusform>%1 hat %n Pseudo-Input; wählen Sie ihn aus, um die Artikel zu sehen, in die er decodiert wird.</numerusform>
            <numerusform>%1 hat %n Pseudo-Inputs; wählen Sie einen aus, um die Artikel zu sehen, in die er decodiert wird.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vaecf::ui::RecommendationPanel</name>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="31"/>
        <source>A training user, or a validation or test user (their fold-in and heldout items are the history)</source>
        <translation>Ein Trainingsnutzer oder ein Validierungs- bzw. Testnutzer (seine Fold-in- und zurückgehaltenen Items sind der Verlauf)</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="34"/>
        <source>Recommend</source>
        <translation>Empfehlen</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="37"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="37"/>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="37"/>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="45"/>
        <source>No recommendations from %1: %2</source>
        <translation>Keine Empfehlungen aus %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="49"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="50"/>
        <source>User</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="51"/>
        <source>Top N</source>
        <translation>Top N</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="55"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="57"/>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="73"/>
        <source>none yet: train a run or select one in the run table</source>
        <translation>noch keiner: trainieren Sie einen Lauf oder wählen Sie einen in der Lauftabelle</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="84"/>
        <source>Load a dataset first.</source>
        <translation>Laden Sie zuerst einen Datensatz.</translation>
    </message>
    <message>
        <location filename="../ui/panels/RecommendationPanel.cpp" line="88"/>
        <source>No run to recommend with: train one or select one in the run table.</source>
        <translation>Kein Lauf zum Empfehlen: trainieren Sie einen oder wählen Sie einen in der Lauftabelle.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::RunsPanel</name>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="79"/>
        <source>%1 = %2 from step %3</source>
        <translation>%1 = %2 ab Schritt %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/panels/RunsPanel.cpp" line="96"/>
        <source>%1 (%n run(s), best %2 %3)</source>
        <translation>
            <numerusform>%1 (%n Lauf, bester %2 %3)</numerusform>
            <numerusform>%1 (%n Läufe, bester %2 %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/panels/RunsPanel.cpp" line="99"/>
        <source>%1 (%n run(s))</source>
        <translation>
            <numerusform>%1 (%n Lauf)</numerusform>
            <numerusform>%1 (%n Läufe)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="109"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="121"/>
        <source>Select several runs (Ctrl or Shift) to overlay their curves; differing parameters are highlighted. Click a header to sort; right-click it to hide or show columns.</source>
        <translation>Mehrere Läufe auswählen (Strg oder Umschalt), um ihre Kurven zu überlagern; abweichende Parameter werden hervorgehoben. Ein Klick auf eine Spaltenüberschrift sortiert; ein Rechtsklick blendet Spalten aus oder ein.</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="130"/>
        <source>Filter: words, or column:value (state:finished, lr:0.001)</source>
        <translation>Filter: Wörter oder Spalte:Wert (state:finished, lr:0.001)</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="133"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="134"/>
        <source>dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="135"/>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="141"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="148"/>
        <source>Group by:</source>
        <translation>Gruppieren nach:</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="154"/>
        <source>Colour…</source>
        <translation>Farbe…</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="155"/>
        <source>Choose the colour the charts draw this run in</source>
        <translation>Die Farbe wählen, in der die Diagramme diesen Lauf zeichnen</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="172"/>
        <source>Runs in %1</source>
        <translation>Läufe in %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="221"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="222"/>
        <source>best %1</source>
        <translation>beste %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="223"/>
        <source>test %1</source>
        <translation>Test %1</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="293"/>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <location filename="../ui/panels/RunsPanel.cpp" line="380"/>
        <source>Show all</source>
        <translation>Alle zeigen</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::SlowMotionPanel</name>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="55"/>
        <source>Trace step</source>
        <translation>Schritt verfolgen</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="57"/>
        <source>◀ Back</source>
        <translation>◀ Zurück</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="58"/>
        <source>Forward ▶</source>
        <translation>Vor ▶</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="66"/>
        <source>user id</source>
        <translation>Nutzer-ID</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="67"/>
        <source>A user of the split the run trained on (a held-out user&apos;s fold-in row)</source>
        <translation>Ein Nutzer des Splits, auf dem der Lauf trainiert wurde (bei einem zurückgehaltenen Nutzer dessen Fold-in-Zeile)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="78"/>
        <source>User</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="108"/>
        <source>The step cannot be traced: %1</source>
        <translation>Der Schritt kann nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="133"/>
        <source>Enter a user id of the run&apos;s data, then trace the step.</source>
        <translation>Eine Nutzer-ID aus den Daten des Laufs eingeben, dann den Schritt verfolgen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="142"/>
        <source>Tracing one training step of user %1…</source>
        <translation>Ein Trainingsschritt von Nutzer %1 wird verfolgt …</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="168"/>
        <source>Stage %1 of %2: %3</source>
        <translation>Stufe %1 von %2: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="183"/>
        <source>%1, user %2 (%3 split), with the weights of step %4: %n stage(s).</source>
        <translation>
            <numerusform>%1, Nutzer %2 (Split %3), mit den Gewichten von Schritt %4: %n Stufe.</numerusform>
            <numerusform>%1, Nutzer %2 (Split %3), mit den Gewichten von Schritt %4: %n Stufen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="192"/>
        <source>No step traced.</source>
        <translation>Kein Schritt verfolgt.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="210"/>
        <source>Choose a Mult-VAE or Mult-DAE run to see one of its training steps in slow motion.</source>
        <translation>Einen Mult-VAE- oder Mult-DAE-Lauf wählen, um einen seiner Trainingsschritte in Zeitlupe zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="211"/>
        <source>Enter a user of the run and press Trace step.</source>
        <translation>Einen Nutzer des Laufs eingeben und „Schritt verfolgen“ drücken.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="233"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="239"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="270"/>
        <source>Showing the first %1 of %2 rows.</source>
        <translation>Gezeigt werden die ersten %1 von %2 Zeilen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="276"/>
        <source>the user&apos;s items x</source>
        <translation>Items x des Nutzers</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="277"/>
        <source>keep mask</source>
        <translation>Behaltemaske</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="278"/>
        <source>L2 normalisation</source>
        <translation>L2-Normierung</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="279"/>
        <source>dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="280"/>
        <source>encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="281"/>
        <source>posterior q(z|x)</source>
        <translation>Posterior q(z|x)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="281"/>
        <source>the code z</source>
        <translation>Code z</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="282"/>
        <source>sample z = μ + σ·ε</source>
        <translation>Ziehung z = μ + σ·ε</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="283"/>
        <source>decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="285"/>
        <source>softmax probabilities</source>
        <translation>Softmax-Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="285"/>
        <source>sigmoid probabilities</source>
        <translation>Sigmoid-Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="286"/>
        <source>reconstruction loss</source>
        <translation>Rekonstruktionsverlust</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="287"/>
        <source>KL divergence</source>
        <translation>KL-Divergenz</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="288"/>
        <source>PIA anchor term</source>
        <translation>PIA-Ankerterm</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="289"/>
        <source>total loss</source>
        <translation>Gesamtverlust</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="290"/>
        <source>gradients</source>
        <translation>Gradienten</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="291"/>
        <source>check against the model&apos;s loss()</source>
        <translation>Abgleich mit loss() des Modells</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="302"/>
        <source>The step starts from user %1&apos;s row x: the %n item(s) they interacted with, out of the %2 items the model knows, each with its value (1 for binary data). The encoder will compress this row into a short code and the decoder will try to rebuild it; the full row is also the target the loss compares the rebuilt one with.</source>
        <translation>
            <numerusform>Der Schritt beginnt mit der Zeile x von Nutzer %1: %n Item, mit dem der Nutzer interagiert hat, von den %2 Items, die das Modell kennt, jeweils mit seinem Wert (1 bei binären Daten). Der Encoder verdichtet diese Zeile zu einem kurzen Code, und der Decoder versucht, sie daraus wiederherzustellen; die volle Zeile ist zugleich das Ziel, mit dem der Verlust die wiederhergestellte vergleicht.</numerusform>
            <numerusform>Der Schritt beginnt mit der Zeile x von Nutzer %1: %n Items, mit denen der Nutzer interagiert hat, von den %2 Items, die das Modell kennt, jeweils mit ihrem Wert (1 bei binären Daten). Der Encoder verdichtet diese Zeile zu einem kurzen Code, und der Decoder versucht, sie daraus wiederherzustellen; die volle Zeile ist zugleich das Ziel, mit dem der Verlust die wiederhergestellte vergleicht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="310"/>
        <source>This user is held out (%1 split), so the row is the fold-in part of their history, the part a recommender would see.</source>
        <translation>Dieser Nutzer ist zurückgehalten (Split %1), daher ist die Zeile der Fold-in-Teil seiner Historie, also der Teil, den ein Empfehlungssystem sehen würde.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="316"/>
        <source>PIA hides part of the input before the encoder sees it: each item is kept with probability %1 (mask_rate), and this draw removed %2 of the %3 items, listed below. The reconstruction target stays the full row x, so the model learns to predict items it was not shown.</source>
        <translation>PIA verbirgt einen Teil der Eingabe, bevor der Encoder sie sieht: Jedes Item bleibt mit Wahrscheinlichkeit %1 erhalten (mask_rate), und diese Ziehung hat %2 der %3 Items entfernt (unten aufgeführt). Das Rekonstruktionsziel bleibt die volle Zeile x, sodass das Modell lernt, Items vorherzusagen, die ihm nicht gezeigt wurden.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="323"/>
        <source>The kept items are divided by their L2 norm %1, the square root of the sum of their squared values, so that the input row has length 1. Without this, a user with many items would feed much larger numbers into the encoder than a user with few.</source>
        <translation>Die behaltenen Items werden durch ihre L2-Norm %1 geteilt, die Wurzel aus der Summe ihrer quadrierten Werte, sodass die Eingabezeile die Länge 1 hat. Ohne diesen Schritt würde ein Nutzer mit vielen Items viel größere Zahlen in den Encoder geben als ein Nutzer mit wenigen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="329"/>
        <source>Here a value of 1 becomes 1 / %1 = %2.</source>
        <translation>Hier wird aus einem Wert von 1 der Wert 1 / %1 = %2.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="334"/>
        <source>This run uses no input dropout (rate 0), so the encoder reads the normalised row as it is.</source>
        <translation>Dieser Lauf verwendet kein Eingabe-Dropout (Rate 0), daher liest der Encoder die normierte Zeile unverändert.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="335"/>
        <source>Dropout is the &apos;denoising&apos; part of training: each input item is set to zero with probability %1, and this draw dropped %2 of the %3 items. The survivors are multiplied by 1 / (1 − %1) = %4 so that the input keeps its expected size (inverted dropout). To score the dropped items well, the network has to infer them from the others, which is exactly what a recommender does.</source>
        <translation>Dropout ist der ‚entrauschende‘ Teil des Trainings: Jedes Eingabe-Item wird mit Wahrscheinlichkeit %1 auf null gesetzt, und diese Ziehung hat %2 der %3 Items verworfen. Die übrigen werden mit 1 / (1 − %1) = %4 multipliziert, damit die Eingabe ihre erwartete Größe behält (Inverted Dropout). Um die verworfenen Items gut zu bewerten, muss das Netz sie aus den anderen erschließen – genau das tut ein Empfehlungssystem.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="347"/>
        <source>The encoder is an ordinary feed-forward network: each layer multiplies its input by a weight matrix, adds a bias and applies a nonlinearity (tanh by default).</source>
        <translation>Der Encoder ist ein gewöhnliches Feedforward-Netz: Jede Schicht multipliziert ihre Eingabe mit einer Gewichtsmatrix, addiert einen Bias und wendet eine Nichtlinearität an (standardmäßig tanh).</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="352"/>
        <source>The table shows the activations of its %n layer(s); the last one is the user&apos;s code z.</source>
        <translation>
            <numerusform>Die Tabelle zeigt die Aktivierungen seiner %n Schicht; sie ist der Code z des Nutzers.</numerusform>
            <numerusform>Die Tabelle zeigt die Aktivierungen seiner %n Schichten; die letzte ist der Code z des Nutzers.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="355"/>
        <source>This encoder has no hidden layer: a single linear layer maps the input straight to the posterior&apos;s parameters, the next stage.</source>
        <translation>Dieser Encoder hat keine verborgene Schicht: Eine einzige lineare Schicht bildet die Eingabe direkt auf die Parameter des Posteriors ab, die nächste Stufe.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="359"/>
        <source>The table shows the activations of its %n hidden layer(s); a last linear layer turns them into the posterior&apos;s parameters, the next stage.</source>
        <translation>
            <numerusform>Die Tabelle zeigt die Aktivierungen seiner %n verborgenen Schicht; eine letzte lineare Schicht macht daraus die Parameter des Posteriors, die nächste Stufe.</numerusform>
            <numerusform>Die Tabelle zeigt die Aktivierungen seiner %n verborgenen Schichten; eine letzte lineare Schicht macht daraus die Parameter des Posteriors, die nächste Stufe.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="367"/>
        <source>Mult-DAE&apos;s encoder gives a single point, the user&apos;s code z in %1 dimensions (values from %2 to %3). There is no variance and no sampling: the same input always gives the same code.</source>
        <translation>Der Encoder von Mult-DAE liefert einen einzelnen Punkt, den Code z des Nutzers in %1 Dimensionen (Werte von %2 bis %3). Es gibt keine Varianz und kein Ziehen: Dieselbe Eingabe ergibt immer denselben Code.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="374"/>
        <source>A VAE&apos;s encoder does not give a single point but a Gaussian distribution q(z|x) over the %1-dimensional latent code: a mean μ and a variance σ² per dimension. The mean is where the model places this user; the variance says how unsure it is. Here the means lie between %2 and %3 and the variances between %4 and %5.</source>
        <translation>Der Encoder eines VAE liefert keinen einzelnen Punkt, sondern eine Gauß-Verteilung q(z|x) über den %1-dimensionalen latenten Code: einen Mittelwert μ und eine Varianz σ² je Dimension. Der Mittelwert ist der Ort, an den das Modell diesen Nutzer setzt; die Varianz sagt, wie unsicher es dabei ist. Hier liegen die Mittelwerte zwischen %2 und %3 und die Varianzen zwischen %4 und %5.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="387"/>
        <source>Training needs a random z drawn from q(z|x), but gradients cannot flow through a random draw. The reparameterisation trick moves the randomness into ε, drawn from a standard normal, and computes z = μ + σ·ε with σ = √variance, so z depends smoothly on μ and σ and backpropagation reaches both. The largest move away from the mean here is %1, in dimension %2.</source>
        <translation>Das Training braucht ein zufälliges z, gezogen aus q(z|x), aber Gradienten können nicht durch eine Zufallsziehung fließen. Der Reparametrisierungstrick verlagert den Zufall in ε, gezogen aus einer Standardnormalverteilung, und berechnet z = μ + σ·ε mit σ = √Varianz; so hängt z glatt von μ und σ ab, und die Backpropagation erreicht beide. Die größte Abweichung vom Mittelwert beträgt hier %1, in Dimension %2.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="398"/>
        <source>A logit is an unnormalised preference: only the differences between items matter.</source>
        <translation>Ein Logit ist eine nicht normierte Präferenz: Nur die Unterschiede zwischen den Items zählen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="402"/>
        <source>The decoder maps z back to one score per item, a logit, %1 of them in all, with a single linear layer.</source>
        <translation>Der Decoder bildet z mit einer einzigen linearen Schicht wieder auf einen Wert je Item ab, ein Logit, insgesamt %1 Stück.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="407"/>
        <source>The table shows the logits of the highest-scoring items and those of the user&apos;s own items.</source>
        <translation>Die Tabelle zeigt die Logits der am höchsten bewerteten Items und die der eigenen Items des Nutzers.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="408"/>
        <source>The decoder maps z back to one score per item, a logit, %1 of them in all, through %n hidden layer(s) and a final linear layer.</source>
        <translation>
            <numerusform>Der Decoder bildet z über %n verborgene Schicht und eine abschließende lineare Schicht wieder auf einen Wert je Item ab, ein Logit, insgesamt %1 Stück.</numerusform>
            <numerusform>Der Decoder bildet z über %n verborgene Schichten und eine abschließende lineare Schicht wieder auf einen Wert je Item ab, ein Logit, insgesamt %1 Stück.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="413"/>
        <source>The table shows the hidden layers&apos; activations, then the logits of the highest-scoring items and those of the user&apos;s own items.</source>
        <translation>Die Tabelle zeigt die Aktivierungen der verborgenen Schichten, dann die Logits der am höchsten bewerteten Items und die der eigenen Items des Nutzers.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="421"/>
        <source>With the Bernoulli likelihood each item gets its own probability p_i = sigmoid(logit_i), independently of the others, so the probabilities need not sum to 1. The user&apos;s %1 own items get %2 on average; the table lists the most probable items and the user&apos;s own.</source>
        <translation>Mit der Bernoulli-Likelihood erhält jedes Item seine eigene Wahrscheinlichkeit p_i = sigmoid(logit_i), unabhängig von den anderen, sodass sich die Wahrscheinlichkeiten nicht zu 1 summieren müssen. Die %1 eigenen Items des Nutzers erhalten im Mittel %2; die Tabelle listet die wahrscheinlichsten Items und die eigenen des Nutzers.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="426"/>
        <source>The softmax turns the %1 logits into probabilities that sum to 1 over all items: p_i = exp(logit_i) / Σ_j exp(logit_j). Items compete for one budget of probability: this is the multinomial likelihood. The model puts %2 of that budget on the user&apos;s %3 own items, %4 per item on average, against 1 / %1 = %5 for a uniform guess.</source>
        <translation>Die Softmax macht aus den %1 Logits Wahrscheinlichkeiten, die sich über alle Items zu 1 summieren: p_i = exp(logit_i) / Σ_j exp(logit_j). Die Items konkurrieren um ein gemeinsames Wahrscheinlichkeitsbudget: Das ist die multinomiale Likelihood. Das Modell legt %2 dieses Budgets auf die %3 eigenen Items des Nutzers, im Mittel %4 pro Item, gegenüber 1 / %1 = %5 bei gleichverteiltem Raten.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="437"/>
        <source>The reconstruction loss measures how well the model predicts the whole row: −Σ_i [x_i log p_i + (1 − x_i) log(1 − p_i)] over all %1 items, so the items the user did not pick count too. Here it is %2; lower is better.</source>
        <translation>Der Rekonstruktionsverlust misst, wie gut das Modell die ganze Zeile vorhersagt: −Σ_i [x_i log p_i + (1 − x_i) log(1 − p_i)] über alle %1 Items, sodass auch die Items zählen, die der Nutzer nicht gewählt hat. Hier beträgt er %2; kleiner ist besser.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="443"/>
        <source>The reconstruction loss measures how well the model predicts the user&apos;s real items: −Σ_i x_i log p_i, where the items with x_i = 0 add nothing. Here it is %1. It would be 0 only if all the probability went to exactly these items, so lower is better: it is the multinomial log-likelihood with its sign turned.</source>
        <translation>Der Rekonstruktionsverlust misst, wie gut das Modell die tatsächlichen Items des Nutzers vorhersagt: −Σ_i x_i log p_i, wobei die Items mit x_i = 0 nichts beitragen. Hier beträgt er %1. Er wäre nur dann 0, wenn die gesamte Wahrscheinlichkeit genau auf diese Items fiele; kleiner ist also besser: Es ist die multinomiale Log-Likelihood mit umgekehrtem Vorzeichen.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="452"/>
        <source>The KL divergence measures how far the posterior q(z|x) is from the prior N(0, I): 0.5 (μ² + σ² − 1 − log σ²) per dimension, %1 in total. It pulls every user&apos;s code towards the origin and stops σ from shrinking to zero, which regularises the model. It is weighted by β = %2 (unless the lesson chose another, the value the KL annealing had reached at step %3, when best.pt was written), so it adds β × KL = %4 to the loss.</source>
        <translation>Die KL-Divergenz misst, wie weit der Posterior q(z|x) vom Prior N(0, I) entfernt ist: 0,5 (μ² + σ² − 1 − log σ²) je Dimension, insgesamt %1. Sie zieht den Code jedes Nutzers zum Ursprung hin und verhindert, dass σ auf null schrumpft; das regularisiert das Modell. Sie wird mit β = %2 gewichtet (sofern die Lektion keinen anderen Wert gewählt hat, ist das der Wert, den das KL-Annealing bei Schritt %3 erreicht hatte, als best.pt geschrieben wurde), trägt also β × KL = %4 zum Verlust bei.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="464"/>
        <source>PIA adds an alignment term that pulls the user&apos;s posterior towards the anchors (learned points in the latent space) of the items in their history. It is %1 here, weighted by λ_A = %2, so it adds %3 to the loss.</source>
        <translation>PIA fügt einen Ausrichtungsterm hinzu, der den Posterior des Nutzers zu den Ankern (gelernten Punkten im latenten Raum) der Items in seiner Historie zieht. Er beträgt hier %1 und wird mit λ_A = %2 gewichtet, trägt also %3 zum Verlust bei.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="472"/>
        <source>reconstruction %1</source>
        <translation>Rekonstruktion %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="473"/>
        <source> + β %1 × KL %2</source>
        <translation> + β %1 × KL %2</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="474"/>
        <source> + λ_A %1 × alignment %2</source>
        <translation> + λ_A %1 × Ausrichtung %2</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="475"/>
        <source> = %1</source>
        <translation> = %1</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="477"/>
        <source>The total loss of this user&apos;s step: %1. It is the one number the optimiser makes smaller; every weight of the network will move a little in the direction that lowers it.</source>
        <translation>Der Gesamtverlust des Schritts für diesen Nutzer: %1. Er ist die eine Zahl, die der Optimierer verkleinert; jedes Gewicht des Netzes bewegt sich ein wenig in die Richtung, die ihn senkt.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="482"/>
        <source>Mult-DAE has no KL term; its weight penalty belongs to the whole batch, not to one user, and shows only in the check.</source>
        <translation>Mult-DAE hat keinen KL-Term; seine Gewichtsstrafe gehört zum ganzen Batch, nicht zu einem einzelnen Nutzer, und erscheint nur im Abgleich.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="488"/>
        <source>Backpropagation now computes how the loss changes with every weight. For each of the %1 parameter tensors the table shows the L2 norm of its gradient: how hard this one user&apos;s step pushes on it.</source>
        <translation>Die Backpropagation berechnet nun, wie sich der Verlust mit jedem Gewicht ändert. Für jeden der %1 Parametertensoren zeigt die Tabelle die L2-Norm seines Gradienten: wie stark der Schritt dieses einen Nutzers auf ihn einwirkt.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="496"/>
        <source>The largest is %1, for %2.</source>
        <translation>Die größte beträgt %1, bei %2.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="498"/>
        <source>The optimiser would now take a small step against these gradients; the trace stops before that update, so the run&apos;s weights stay as they were.</source>
        <translation>Der Optimierer würde nun einen kleinen Schritt entgegen diesen Gradienten machen; die Verfolgung endet vor dieser Aktualisierung, sodass die Gewichte des Laufs unverändert bleiben.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="504"/>
        <source>To show that these stages are the real step and not a re-enactment, the model&apos;s own loss() ran on a batch holding only this user, with the same random draws. Its terms are listed below.</source>
        <translation>Um zu zeigen, dass diese Stufen der echte Schritt und keine Nachstellung sind, lief die eigene loss()-Funktion des Modells auf einem Batch, der nur diesen Nutzer enthält, mit denselben Zufallsziehungen. Ihre Terme stehen unten.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="513"/>
        <source>%1 %2 (stage: %3)</source>
        <translation>%1 %2 (Stufe: %3)</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="515"/>
        <source>reconstruction</source>
        <translation>Rekonstruktion</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="516"/>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="517"/>
        <source>anchor</source>
        <translation>Anker</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="521"/>
        <source>They match the stages above to float precision: %1.</source>
        <translation>Die Terme stimmen bis auf Gleitkommagenauigkeit mit den Stufen oben überein: %1.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="522"/>
        <source>They differ from the stages above: %1. The trace does not follow the model&apos;s loss; please report this.</source>
        <translation>Die Terme weichen von den Stufen oben ab: %1. Die Verfolgung entspricht nicht dem Verlust des Modells; bitte diesen Fehler melden.</translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="524"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../ui/lessons/SlowMotionPanel.cpp" line="527"/>
        <source>Mult-DAE&apos;s weight penalty l2 appears only here: it belongs to the batch, not to one user.</source>
        <translation>Die Gewichtsstrafe l2 von Mult-DAE erscheint nur hier: Sie gehört zum Batch, nicht zu einem einzelnen Nutzer.</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::SweepsPanel</name>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="43"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="45"/>
        <source>finished</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="47"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="109"/>
        <source>Start sweep</source>
        <translation>Sweep starten</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="110"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="111"/>
        <source>Open sweep…</source>
        <translation>Sweep öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="112"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="113"/>
        <source>Open trial as run</source>
        <translation>Versuch als Lauf öffnen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="121"/>
        <source>Sweep</source>
        <translation>Variieren</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="121"/>
        <source>Values (grid)</source>
        <translation>Werte (Gitter)</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="121"/>
        <source>Low</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="121"/>
        <source>High</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="121"/>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="123"/>
        <source>Tick the options to sweep: a comma list of values for a grid, or low and high for random draws and successive halving</source>
        <translation>Die zu variierenden Optionen ankreuzen: eine Werteliste mit Kommas für ein Gitter, oder Von und Bis für Zufallsziehungen und Successive Halving</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="128"/>
        <source>Grid</source>
        <translation>Gitter</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="129"/>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="130"/>
        <source>Successive halving</source>
        <translation>Successive Halving</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="133"/>
        <source>trials </source>
        <translation>Versuche </translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="135"/>
        <source>seeds </source>
        <translation>Seeds </translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="136"/>
        <source>The winner, chosen on validation, is trained with this many training seeds (its own first) and tested: the spread over seeds tells a real gain from noise</source>
        <translation>Der auf der Validierung gewählte Sieger wird mit so vielen Trainings-Seeds (sein eigener zuerst) trainiert und getestet: die Streuung über die Seeds trennt echten Gewinn von Rauschen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="139"/>
        <source>at once </source>
        <translation>gleichzeitig </translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="140"/>
        <source>Trials trained side by side, each in a process of its own with its share of the compute threads; another starts only while memory holds the most a trial took</source>
        <translation>Versuche, die nebeneinander trainieren, jeder in einem eigenen Prozess mit seinem Anteil der Rechen-Threads; ein weiterer startet nur, solange der Speicher das Meiste fasst, was ein Versuch brauchte</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="144"/>
        <source>first rung </source>
        <translation>erste Stufe </translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="145"/>
        <source> epochs</source>
        <translation> Epochen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="146"/>
        <source>Successive halving: the epochs every trial trains in the first rung</source>
        <translation>Successive Halving: die Epochen, die jeder Versuch in der ersten Stufe trainiert</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="149"/>
        <source>keep 1 in </source>
        <translation>behalte 1 von </translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="150"/>
        <source>Successive halving: one trial in this many goes on to the next rung, which trains this many times longer</source>
        <translation>Successive Halving: ein Versuch von so vielen kommt in die nächste Stufe, die so viel länger trainiert</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="161"/>
        <source>Define a sweep of the current model</source>
        <translation>Einen Sweep des aktuellen Modells festlegen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="172"/>
        <source>Parallel coordinates</source>
        <translation>Parallele Koordinaten</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="173"/>
        <source>Metric against each option</source>
        <translation>Metrik je Option</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="195"/>
        <source>Open sweep</source>
        <translation>Sweep öffnen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="204"/>
        <source>The sweep has finished; the best trial on validation is trial %1.</source>
        <translation>Der Sweep ist abgeschlossen; der beste Versuch auf der Validierung ist Versuch %1.</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="205"/>
        <source>The sweep has finished without a finished trial.</source>
        <translation>Der Sweep ist ohne einen abgeschlossenen Versuch beendet.</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="208"/>
        <source>Over its %1 training seeds its test %2 is %3 (sd %4).</source>
        <translation>Über seine %1 Trainings-Seeds ist sein Test-%2 %3 (sd %4).</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="218"/>
        <source>Cancelled: Resume goes on where the sweep stopped.</source>
        <translation>Abgebrochen: Fortsetzen macht dort weiter, wo der Sweep stehen blieb.</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="222"/>
        <source>The sweep stopped on an error.</source>
        <translation>Der Sweep wurde wegen eines Fehlers angehalten.</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="224"/>
        <source>The sweep failed: %1</source>
        <translation>Der Sweep ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="337"/>
        <source>%1: give a comma list of values, or a low and a high end</source>
        <translation>%1: eine Werteliste mit Kommas angeben, oder ein unteres und ein oberes Ende</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="356"/>
        <source>Load data before starting a sweep.</source>
        <translation>Vor einem Sweep Daten laden.</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="365"/>
        <source>The sweep cannot start: %1</source>
        <translation>Der Sweep kann nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="371"/>
        <source>Starting the sweep in %1</source>
        <translation>Der Sweep startet in %1</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="385"/>
        <source>The sweep in %1 could not be opened: %2</source>
        <translation>Der Sweep in %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="388"/>
        <source>Sweep %1</source>
        <translation>Sweep %1</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="395"/>
        <source>Resuming the sweep in %1</source>
        <translation>Der Sweep in %1 wird fortgesetzt</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="417"/>
        <source>%1 of %2 trials</source>
        <translation>%1 von %2 Versuchen</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="436"/>
        <source>Trial</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="436"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="436"/>
        <source>Rung</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="437"/>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <location filename="../ui/sweeps/SweepsPanel.cpp" line="472"/>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
</context>
<context>
    <name>vaecf::ui::TrainingSession</name>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="116"/>
        <source>The fit failed: %1</source>
        <translation>Die Anpassung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="123"/>
        <source>The finished run&apos;s metrics could not be written: %1</source>
        <translation>Die Metriken des beendeten Laufs konnten nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="230"/>
        <source>Stop the current run before continuing another one.</source>
        <translation>Stoppen Sie den aktuellen Lauf, bevor Sie einen anderen fortsetzen.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="241"/>
        <source>The run %1 is a closed-form fit (%2): there is no training to continue.</source>
        <translation>Der Lauf %1 ist eine geschlossene Lösung (%2): Es gibt kein Training fortzusetzen.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="247"/>
        <source>The run %1 has finished: there is nothing to continue.</source>
        <translation>Der Lauf %1 ist abgeschlossen: Es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="286"/>
        <source>To continue the run %1, load the run&apos;s dataset first: %2</source>
        <translation>Um den Lauf %1 fortzusetzen, laden Sie zuerst seinen Datensatz: %2</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="257"/>
        <location filename="../ui/session/TrainingSession.cpp" line="269"/>
        <source>The run %1 could not be read: %2</source>
        <translation>Der Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="49"/>
        <source>%1 predicts ratings, and %2 has none: load a dataset with explicit ratings.</source>
        <translation>%1 sagt Bewertungen vorher, und %2 hat keine: Laden Sie einen Datensatz mit expliziten Bewertungen.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="52"/>
        <source>%1 orders each history by time, and %2 has no timestamps: load a dataset with a time column.</source>
        <translation>%1 ordnet jeden Verlauf zeitlich, und %2 hat keine Zeitstempel: Laden Sie einen Datensatz mit Zeitspalte.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="110"/>
        <source>The run&apos;s other ranks did not join: %1</source>
        <translation>Die anderen Ränge des Laufs sind nicht beigetreten: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="304"/>
        <source>The run could not continue: %1</source>
        <translation>Der Lauf konnte nicht fortgesetzt werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="351"/>
        <location filename="../ui/session/TrainingSession.cpp" line="472"/>
        <source>Load a dataset before training.</source>
        <translation>Laden Sie vor dem Training einen Datensatz.</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="104"/>
        <location filename="../ui/session/TrainingSession.cpp" line="464"/>
        <source>The run could not start: %1</source>
        <translation>Der Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="438"/>
        <source>The run&apos;s other ranks could not start: %1</source>
        <translation>Die anderen Ränge des Laufs konnten nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="512"/>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/session/TrainingSession.cpp" line="45"/>
        <source>%1 trains on the raw dataset (its ratings and times), which a split folder does not have: load a dataset file.</source>
        <translation>%1 trainiert auf dem Rohdatensatz (seinen Bewertungen und Zeiten), den ein Split-Ordner nicht enthält: Laden Sie eine Datensatzdatei.</translation>
    </message>
</context>
</TS>
