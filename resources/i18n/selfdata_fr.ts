<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BatchesModel</name>
    <message>
        <source>Batch</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Kind of export</source>
        <translation>Type d&apos;export</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé le</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajoutées</translation>
    </message>
    <message>
        <source>Already present</source>
        <translation>Déjà présentes</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>Corrigées</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Complétées</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>Non gardées</translation>
    </message>
    <message>
        <source>Rows now</source>
        <translation>Lignes actuelles</translation>
    </message>
</context>
<context>
    <name>BenefitsPage</name>
    <message>
        <source>Gaps and changes in amount</source>
        <translation>Interruptions et changements de montant</translation>
    </message>
    <message>
        <source>Payments by benefit</source>
        <translation>Paiements par prestation</translation>
    </message>
    <message>
        <source>Totals per month</source>
        <translation>Totaux par mois</translation>
    </message>
    <message>
        <source>Totals per year</source>
        <translation>Totaux par an</translation>
    </message>
    <message>
        <source>Payments and the period each covers</source>
        <translation>Paiements et période couverte par chacun</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>My rights</source>
        <translation>Mes droits</translation>
    </message>
    <message>
        <source>Month without payment</source>
        <translation>Mois sans paiement</translation>
    </message>
    <message>
        <source>Amount changed</source>
        <translation>Montant modifié</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Payé le</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>Prestation</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Période du</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Période au</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>%1: no payment for %2.</source>
        <translation>%1 : aucun paiement pour %2.</translation>
    </message>
    <message>
        <source>%1: from %2, %3 instead of %4.</source>
        <translation>%1 : à partir de %2, %3 au lieu de %4.</translation>
    </message>
    <message>
        <source>No gap and no change in amount in your regular benefits.</source>
        <translation>Aucune interruption ni aucun changement de montant dans vos prestations régulières.</translation>
    </message>
    <message>
        <source>To check:</source>
        <translation>À vérifier :</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>Changer la phrase de passe</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Changement de la phrase de passe…</translation>
    </message>
    <message>
        <source>The passphrase was changed: the wallet asks for the new one from now on. Backups made before still open with the old one, and so does the wallet for anyone who kept a copy of its key file. If it may be known to someone, use &quot;My passphrase or recovery code may be known&quot;.</source>
        <translation>La phrase de passe a été changée : le portefeuille demande désormais la nouvelle. Les sauvegardes faites avant s’ouvrent toujours avec l’ancienne, tout comme le portefeuille pour qui aurait gardé une copie de son fichier de clés. Si elle est peut-être connue de quelqu’un, utilisez « Ma phrase de passe ou mon code de secours est peut-être connu ».</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <source>No data yet</source>
        <translation>Pas encore de données</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>The charts could not be computed. Please send a support report.</source>
        <translation>Les graphiques n&apos;ont pas pu être calculés. Merci d&apos;envoyer un rapport d&apos;assistance.</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Numbers of the chart: %1</source>
        <translation>Chiffres du graphique : %1</translation>
    </message>
    <message>
        <source>Zoom and pan</source>
        <translation>Zoom et déplacement</translation>
    </message>
    <message>
        <source>Show table</source>
        <translation>Voir le tableau</translation>
    </message>
    <message>
        <source>Show the numbers as a table</source>
        <translation>Voir les chiffres sous forme de tableau</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Export the chart or its numbers</source>
        <translation>Exporter le graphique ou ses chiffres</translation>
    </message>
    <message>
        <source>Image (PNG, SVG or PDF)…</source>
        <translation>Image (PNG, SVG ou PDF)…</translation>
    </message>
    <message>
        <source>Numbers (CSV)…</source>
        <translation>Chiffres (CSV)…</translation>
    </message>
    <message>
        <source>Show chart</source>
        <translation>Voir le graphique</translation>
    </message>
    <message>
        <source>Export the chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>Image PNG (*.png);;Dessin SVG (*.svg);;Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the numbers</source>
        <translation>Exporter les chiffres</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Le fichier n&apos;a pas pu être écrit : %1</translation>
    </message>
</context>
<context>
    <name>ChosenFiles</name>
    <message>
        <source>Chosen files</source>
        <translation>Fichiers choisis</translation>
    </message>
    <message>
        <source>&amp;Read it as:</source>
        <translation>&amp;Lire comme :</translation>
    </message>
    <message>
        <source>Kind of export</source>
        <translation>Type d&apos;export</translation>
    </message>
    <message>
        <source>Choose the kind of export…</source>
        <translation>Choisissez le type d&apos;export…</translation>
    </message>
    <message>
        <source>&amp;How do I get this file?</source>
        <translation>&amp;Comment obtenir ce fichier ?</translation>
    </message>
    <message>
        <source>Rows as they will be stored</source>
        <translation>Lignes telles qu’elles seront enregistrées</translation>
    </message>
    <message>
        <source>Lines that cannot be read</source>
        <translation>Lignes illisibles</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Aucun fichier choisi.</translation>
    </message>
    <message>
        <source>Detected: %1 (confidence %2).</source>
        <translation>Détecté : %1 (confiance %2).</translation>
    </message>
    <message>
        <source>Not recognised: %1</source>
        <translation>Non reconnu : %1</translation>
    </message>
    <message>
        <source>You chose to read it another way.</source>
        <translation>Vous avez choisi de le lire autrement.</translation>
    </message>
    <message>
        <source>Rows as they will be stored (%1)</source>
        <translation>Lignes telles qu’elles seront enregistrées (%1)</translation>
    </message>
    <message>
        <source>Lines that cannot be read (%1)</source>
        <translation>Lignes illisibles (%1)</translation>
    </message>
</context>
<context>
    <name>ConfirmBridge</name>
    <message>
        <source>A damaged meter number</source>
        <translation>Un numéro de compteur abîmé</translation>
    </message>
    <message>
        <source>This file&apos;s meter or card number was turned into scientific notation by a spreadsheet program that opened and saved it: its last digits are lost. It can only be %1, already in your wallet. Import the file under that number?</source>
        <translation>Le numéro de compteur ou de carte de ce fichier a été écrit en notation scientifique par un tableur qui l&apos;a ouvert et enregistré : ses derniers chiffres sont perdus. Il ne peut être que %1, déjà dans votre portefeuille. Importer le fichier sous ce numéro ?</translation>
    </message>
</context>
<context>
    <name>ConfirmRecordsDialog</name>
    <message>
        <source>Store these records?</source>
        <translation>Enregistrer ces éléments ?</translation>
    </message>
    <message numerus="yes">
        <source>The wallet found %n record(s) in this file. Check each one against the line it was found in before storing them.</source>
        <translation>
            <numerusform>Le portefeuille a trouvé %n élément dans ce fichier. Comparez-le à la ligne où il a été trouvé avant de l&apos;enregistrer.</numerusform>
            <numerusform>Le portefeuille a trouvé %n éléments dans ce fichier. Comparez chacun à la ligne où il a été trouvé avant de les enregistrer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be read and are left out.</source>
        <translation>
            <numerusform>%n ligne n&apos;a pas pu être lue et est laissée de côté.</numerusform>
            <numerusform>%n lignes n&apos;ont pas pu être lues et sont laissées de côté.</numerusform>
        </translation>
    </message>
    <message>
        <source>Records found</source>
        <translation>Éléments trouvés</translation>
    </message>
    <message>
        <source>&amp;Store them</source>
        <translation>&amp;Les enregistrer</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t store</source>
        <translation>&amp;Ne pas enregistrer</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Checking this computer…</source>
        <translation>Vérification de cet ordinateur…</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; each comes with what to do.</source>
        <translation>
            <numerusform>%n problème trouvé ; il est suivi de ce qu&apos;il faut faire.</numerusform>
            <numerusform>%n problèmes trouvés ; chacun est suivi de ce qu&apos;il faut faire.</numerusform>
        </translation>
    </message>
    <message>
        <source>No problem found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message>
        <source>Copied: paste it into an e-mail or a chat to the help desk.</source>
        <translation>Copié : collez-le dans un e-mail ou une discussion avec l&apos;assistance.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop the files you downloaded here, or choose them.</source>
        <translation>Déposez ici les fichiers téléchargés, ou choisissez-les.</translation>
    </message>
    <message>
        <source>C&amp;hoose files…</source>
        <translation>C&amp;hoisir des fichiers…</translation>
    </message>
    <message>
        <source>Choose files to import</source>
        <translation>Choisir des fichiers à importer</translation>
    </message>
    <message>
        <source>Choose the files to import</source>
        <translation>Choisissez les fichiers à importer</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <source>Electricity</source>
        <translation>Électricité</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>Gaz</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Eau</translation>
    </message>
    <message>
        <source>Load curve</source>
        <translation>Courbe de charge</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>Par heure</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>Per year</source>
        <translation>Par an</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>Au (inclus)</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Niveau de détail</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Consommation</translation>
    </message>
    <message>
        <source>Daily profile</source>
        <translation>Profil journalier</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>Carte de chaleur</translation>
    </message>
    <message>
        <source>Peak power</source>
        <translation>Puissance maximale</translation>
    </message>
    <message>
        <source>Electricity and gas</source>
        <translation>Électricité et gaz</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non renseignée</translation>
    </message>
    <message>
        <source>Subscribed power</source>
        <translation>Puissance souscrite</translation>
    </message>
    <message>
        <source>Subscribed power (on your electricity bill):</source>
        <translation>Puissance souscrite (sur votre facture d&apos;électricité) :</translation>
    </message>
    <message>
        <source>Estimated by the provider</source>
        <translation>Estimée par le fournisseur</translation>
    </message>
    <message>
        <source>Corrected by the provider</source>
        <translation>Corrigée par le fournisseur</translation>
    </message>
    <message>
        <source>Hour of the day</source>
        <translation>Heure de la journée</translation>
    </message>
    <message>
        <source>A daily profile needs a load curve (hourly or finer readings).</source>
        <translation>Un profil journalier demande une courbe de charge (relevés horaires ou plus fins).</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>En semaine</translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation>Le week-end</translation>
    </message>
    <message>
        <source>A heat map needs a load curve (hourly or finer readings).</source>
        <translation>Une carte de chaleur demande une courbe de charge (relevés horaires ou plus fins).</translation>
    </message>
    <message>
        <source>Peak of the day</source>
        <translation>Pic du jour</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Souscrite</translation>
    </message>
    <message>
        <source>No peak power readings for this period (the Linky &apos;puissance max&apos; export).</source>
        <translation>Aucun relevé de puissance maximale pour cette période (l&apos;export « puissance max » du Linky).</translation>
    </message>
    <message>
        <source>Import both electricity and gas exports to see them side by side.</source>
        <translation>Importez les exports d&apos;électricité et de gaz pour les voir côte à côte.</translation>
    </message>
</context>
<context>
    <name>FirstStartScreen</name>
    <message>
        <source>Welcome to your Self Data Wallet</source>
        <translation>Bienvenue dans votre Self Data Wallet</translation>
    </message>
    <message>
        <source>The wallet keeps the data your energy provider, your transit operator and your benefits office give you, in one locked file on this computer. It shows you what that data says.

Nothing leaves this computer unless you say so. When you choose to share a part with a service, you see exactly what will be sent, and you can take your consent back later.</source>
        <translation>Le portefeuille garde les données que vous donnent votre fournisseur d&apos;énergie, votre réseau de transport et votre caisse de prestations, dans un seul fichier verrouillé sur cet ordinateur. Il vous montre ce que disent ces données.

Rien ne quitte cet ordinateur sans votre accord. Quand vous choisissez d&apos;en partager une partie avec un service, vous voyez exactement ce qui sera envoyé, et vous pouvez retirer votre consentement plus tard.</translation>
    </message>
    <message>
        <source>&amp;Create my wallet</source>
        <translation>&amp;Créer mon portefeuille</translation>
    </message>
    <message>
        <source>&amp;Try the demo wallet</source>
        <translation>&amp;Essayer le portefeuille de démonstration</translation>
    </message>
    <message>
        <source>The demo wallet is filled with sample data and thrown away when you close it.</source>
        <translation>Le portefeuille de démonstration contient des données d’exemple et est effacé quand vous le fermez.</translation>
    </message>
    <message>
        <source>Choose a passphrase</source>
        <translation>Choisissez une phrase de passe</translation>
    </message>
    <message>
        <source>Your passphrase opens your wallet. Pick one you can remember: nobody, not even a help desk, can look it up for you.</source>
        <translation>Votre phrase de passe ouvre votre portefeuille. Choisissez-en une dont vous vous souviendrez : personne, pas même un guichet d’aide, ne peut la retrouver pour vous.</translation>
    </message>
    <message>
        <source>&amp;Remember it on this computer</source>
        <translation>Se &amp;souvenir sur cet ordinateur</translation>
    </message>
    <message>
        <source>The wallet opens without asking, as long as you are logged in here.</source>
        <translation>Le portefeuille s’ouvre sans rien demander, tant que votre session est ouverte ici.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>Create the &amp;wallet</source>
        <translation>Créer le &amp;portefeuille</translation>
    </message>
    <message>
        <source>Write down your recovery code</source>
        <translation>Notez votre code de secours</translation>
    </message>
    <message>
        <source>If you forget your passphrase, this code is the only way back into your wallet. Write it on paper and keep it somewhere safe. It is shown only now.</source>
        <translation>Si vous oubliez votre phrase de passe, ce code est le seul moyen de rouvrir votre portefeuille. Écrivez-le sur papier et gardez-le en lieu sûr. Il n’est affiché que maintenant.</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>Co&amp;pier</translation>
    </message>
    <message>
        <source>The clipboard is emptied again after 30 seconds.</source>
        <translation>Le presse-papiers est vidé au bout de 30 secondes.</translation>
    </message>
    <message numerus="yes">
        <source>To check, type group number %n of the code:</source>
        <translation>
            <numerusform>Pour vérifier, tapez le groupe numéro %n du code :</numerusform>
            <numerusform>Pour vérifier, tapez le groupe numéro %n du code :</numerusform>
        </translation>
    </message>
    <message>
        <source>Recovery code group</source>
        <translation>Groupe du code de secours</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinuer</translation>
    </message>
    <message>
        <source>Creating your wallet…</source>
        <translation>Création de votre portefeuille…</translation>
    </message>
    <message>
        <source>The wallet could not be created: %1</source>
        <translation>Le portefeuille n&apos;a pas pu être créé : %1</translation>
    </message>
    <message numerus="yes">
        <source>That is not group %n of the code. Look again.</source>
        <translation>
            <numerusform>Ce n&apos;est pas le groupe %n du code. Regardez encore.</numerusform>
            <numerusform>Ce n&apos;est pas le groupe %n du code. Regardez encore.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>How do I get this file? %1</source>
        <translation>Comment obtenir ce fichier ? %1</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>There is no guide for this kind of file yet. The help desk of your city can tell you where your provider offers the download.</source>
        <translation>Il n&apos;y a pas encore de guide pour ce type de fichier. Le guichet d&apos;aide de votre ville peut vous dire où votre fournisseur propose le téléchargement.</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;Diagnostics</source>
        <translation>&amp;Diagnostic</translation>
    </message>
    <message>
        <source>&amp;Support report…</source>
        <translation>&amp;Rapport pour l&apos;assistance…</translation>
    </message>
    <message>
        <source>&amp;About Self Data Wallet</source>
        <translation>À &amp;propos de Self Data Wallet</translation>
    </message>
    <message>
        <source>The checks could not run (%1).</source>
        <translation>Les vérifications n&apos;ont pas pu se faire (%1).</translation>
    </message>
    <message>
        <source>Save a support report</source>
        <translation>Enregistrer un rapport pour l&apos;assistance</translation>
    </message>
    <message>
        <source>Zip archive (*.zip);;Text file (*.txt)</source>
        <translation>Archive zip (*.zip);;Fichier texte (*.txt)</translation>
    </message>
    <message>
        <source>The report was not saved</source>
        <translation>Le rapport n&apos;a pas été enregistré</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>Le rapport n&apos;a pas pu être écrit : %1</translation>
    </message>
    <message>
        <source>Support report saved</source>
        <translation>Rapport enregistré</translation>
    </message>
    <message>
        <source>The report is saved as %1. It holds no value from your files; you can open it to check before sending it to the help desk.</source>
        <translation>Le rapport est enregistré sous %1. Il ne contient aucune valeur de vos fichiers ; vous pouvez l&apos;ouvrir pour le vérifier avant de l&apos;envoyer à l&apos;assistance.</translation>
    </message>
    <message>
        <source>A newer build is available: version %1.

Download it from %2 and check that its SHA-256 is:
%3</source>
        <translation>Une version plus récente est disponible : la version %1.

Téléchargez-la depuis %2 et vérifiez que son SHA-256 est :
%3</translation>
    </message>
    <message>
        <source>What changed: %1</source>
        <translation>Ce qui change : %1</translation>
    </message>
    <message>
        <source>A newer build exists</source>
        <translation>Une version plus récente existe</translation>
    </message>
    <message>
        <source>%1

Your energy, mobility and benefits data, encrypted on this computer and shared only with your consent.

Free software (AGPL-3.0).</source>
        <translation>%1

Vos données d’énergie, de mobilité et de prestations, chiffrées sur cet ordinateur et partagées seulement avec votre consentement.

Logiciel libre (AGPL-3.0).</translation>
    </message>
    <message>
        <source>About Self Data Wallet</source>
        <translation>À propos de Self Data Wallet</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>My household</source>
        <translation>Mon foyer</translation>
    </message>
    <message>
        <source>Every answer is optional; the estimate says which missing answers limit it. Your answers stay encrypted in your wallet.</source>
        <translation>Chaque réponse est facultative ; l&apos;estimation dit quelles réponses manquantes la limitent. Vos réponses restent chiffrées dans votre portefeuille.</translation>
    </message>
    <message>
        <source>Adults in the home</source>
        <translation>Adultes du foyer</translation>
    </message>
    <message>
        <source>Children living in the home</source>
        <translation>Enfants vivant au foyer</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <source>Number of children</source>
        <translation>Nombre d&apos;enfants</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>Child %1: birth date</source>
        <translation>Enfant %1 : date de naissance</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Locataire</translation>
    </message>
    <message>
        <source>Tenant of social housing (HLM)</source>
        <translation>Locataire d&apos;un logement social (HLM)</translation>
    </message>
    <message>
        <source>Tenant of a furnished home</source>
        <translation>Locataire d&apos;un meublé</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Hosted free of charge</source>
        <translation>Hébergé gratuitement</translation>
    </message>
    <message>
        <source>You are</source>
        <translation>Vous êtes</translation>
    </message>
    <message>
        <source>without charges</source>
        <translation>hors charges</translation>
    </message>
    <message>
        <source>Rent per month (€)</source>
        <translation>Loyer mensuel (€)</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>found from the postcode in Lyon, Nantes, La Rochelle</source>
        <translation>trouvé depuis le code postal à Lyon, Nantes, La Rochelle</translation>
    </message>
    <message>
        <source>INSEE commune code</source>
        <translation>Code commune INSEE</translation>
    </message>
</context>
<context>
    <name>ImportHistory</name>
    <message>
        <source>Past imports</source>
        <translation>Imports précédents</translation>
    </message>
    <message>
        <source>&amp;Undo the selected import</source>
        <translation>&amp;Annuler l&apos;import choisi</translation>
    </message>
    <message>
        <source>Remove everything imported from %1 (%2 rows)?</source>
        <translation>Retirer tout ce qui a été importé depuis %1 (%2 lignes) ?</translation>
    </message>
    <message>
        <source>Undo an import</source>
        <translation>Annuler un import</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) removed.</source>
        <translation>
            <numerusform>%n ligne retirée.</numerusform>
            <numerusform>%n lignes retirées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) it had corrected or filled are back to what they were.</source>
        <translation>
            <numerusform>%n valeur qu&apos;il avait corrigée ou complétée a retrouvé sa valeur d&apos;avant.</numerusform>
            <numerusform>%n valeurs qu&apos;il avait corrigées ou complétées ont retrouvé leur valeur d&apos;avant.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of its value(s) had been corrected by a later import; those later values stay.</source>
        <translation>
            <numerusform>%n de ses valeurs avait été corrigée par un import plus récent ; la valeur plus récente reste.</numerusform>
            <numerusform>%n de ses valeurs avaient été corrigées par un import plus récent ; les valeurs plus récentes restent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Avancement de l&apos;import</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>%1: added %2, already present %3, rejected %4.</source>
        <translation>%1 : %2 ajoutées, %3 déjà présentes, %4 rejetées.</translation>
    </message>
    <message>
        <source>Corrected %1 (values that changed), filled %2 (were empty).</source>
        <translation>Corrigées %1 (valeurs qui ont changé), complétées %2 (étaient vides).</translation>
    </message>
    <message numerus="yes">
        <source>%n repeated row(s), kept once.</source>
        <translation>
            <numerusform>%n ligne répétée, gardée une fois.</numerusform>
            <numerusform>%n lignes répétées, gardées une fois.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) outside the file&apos;s period, not stored.</source>
        <translation>
            <numerusform>%n ligne hors de la période du fichier, non gardée.</numerusform>
            <numerusform>%n lignes hors de la période du fichier, non gardées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n summary row(s) (totals), not stored.</source>
        <translation>
            <numerusform>%n ligne de récapitulatif (total), non gardée.</numerusform>
            <numerusform>%n lignes de récapitulatif (totaux), non gardées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of a kind the wallet does not keep, not stored.</source>
        <translation>
            <numerusform>%n ligne d&apos;un genre que le portefeuille ne garde pas, non gardée.</numerusform>
            <numerusform>%n lignes d&apos;un genre que le portefeuille ne garde pas, non gardées.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: cancelled, nothing was stored.</source>
        <translation>%1 : annulé, rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>%1: not imported. %2</source>
        <translation>%1 : non importé. %2</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <source>Data shared so far</source>
        <translation>Données déjà partagées</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Revoking stops further sharing at once and tells the service. It cannot pull back data already sent; the signed withdrawal is your evidence.</source>
        <translation>Révoquer arrête aussitôt tout nouveau partage et prévient le service. Cela ne peut pas reprendre les données déjà envoyées ; le retrait signé vous sert de preuve.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Service: %1 (%2)</source>
        <translation>Service : %1 (%2)</translation>
    </message>
    <message>
        <source>State: %1 %2</source>
        <translation>État : %1 %2</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi : %1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>Valable jusqu&apos;au : %1</translation>
    </message>
    <message>
        <source>Payload SHA-256: %1</source>
        <translation>SHA-256 des données : %1</translation>
    </message>
    <message>
        <source>Withdrawal: %1</source>
        <translation>Retrait : %1</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Withdraw your consent for this share with %1?</source>
        <translation>Retirer votre consentement pour ce partage avec %1 ?</translation>
    </message>
    <message>
        <source>Consent withdrawn for %1 (service told: %2).</source>
        <translation>Consentement retiré pour %1 (service prévenu : %2).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Self Data Wallet</source>
        <translation>Self Data Wallet</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (démonstration)</translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation>&amp;Portefeuille</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>This is the demo wallet; its passphrase is: %1</source>
        <translation>Ceci est le portefeuille de démonstration ; sa phrase de passe est : %1</translation>
    </message>
    <message>
        <source>Preparing the demo wallet</source>
        <translation>Préparation du portefeuille de démonstration</translation>
    </message>
    <message>
        <source>Making up a household&apos;s data in a throwaway wallet…</source>
        <translation>Création des données d’un foyer fictif dans un portefeuille jetable…</translation>
    </message>
    <message>
        <source>The wallet could not be found</source>
        <translation>Le portefeuille est introuvable</translation>
    </message>
    <message>
        <source>The wallet could not be unlocked</source>
        <translation>Le portefeuille n&apos;a pas pu être déverrouillé</translation>
    </message>
    <message>
        <source>The wallet could not be opened</source>
        <translation>Le portefeuille n&apos;a pas pu être ouvert</translation>
    </message>
    <message>
        <source>Your data could not be loaded</source>
        <translation>Vos données n&apos;ont pas pu être chargées</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>Restauration de la sauvegarde</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>Veuillez patienter…</translation>
    </message>
    <message>
        <source>The backup was not restored: %1</source>
        <translation>La sauvegarde n&apos;a pas été restaurée : %1</translation>
    </message>
</context>
<context>
    <name>MessageScreen</name>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>MobilityPage</name>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>Trips counted</source>
        <translation>Trajets comptés</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Par semaine</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>Trajets</translation>
    </message>
    <message>
        <source>Modes and lines</source>
        <translation>Modes et lignes</translation>
    </message>
    <message>
        <source>Most used stops</source>
        <translation>Arrêts les plus fréquentés</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>Moments de la journée</translation>
    </message>
    <message>
        <source>Fares</source>
        <translation>Tarifs payés</translation>
    </message>
    <message>
        <source>Money per month</source>
        <translation>Argent par mois</translation>
    </message>
    <message>
        <source>trips</source>
        <translation>trajets</translation>
    </message>
    <message>
        <source>Spent on fares</source>
        <translation>Dépensé en trajets</translation>
    </message>
    <message>
        <source>Topped up</source>
        <translation>Rechargé</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>By mode</source>
        <translation>Par mode</translation>
    </message>
    <message>
        <source>By line</source>
        <translation>Par ligne</translation>
    </message>
    <message>
        <source>Weekdays</source>
        <translation>En semaine</translation>
    </message>
    <message>
        <source>Weekends</source>
        <translation>Le week-end</translation>
    </message>
    <message>
        <source>Hour of the day</source>
        <translation>Heure de la journée</translation>
    </message>
    <message numerus="yes">
        <source>%n trip(s), %1 spent on fares</source>
        <translation>
            <numerusform>%n trajet, %1 dépensés en titres de transport</numerusform>
            <numerusform>%n trajets, %1 dépensés en titres de transport</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n trip(s) without a known fare)</source>
        <translation>
            <numerusform>(%n trajet sans tarif connu)</numerusform>
            <numerusform>(%n trajets sans tarif connu)</numerusform>
        </translation>
    </message>
    <message>
        <source>Topped up %1, refunded %2.</source>
        <translation>Rechargé %1, remboursé %2.</translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <source>New &amp;passphrase:</source>
        <translation>Nouvelle &amp;phrase de passe :</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Répétez-la :</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nouvelle phrase de passe</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Répétez la nouvelle phrase de passe</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidité de la phrase de passe</translation>
    </message>
    <message>
        <source>A few unrelated words are easy to remember and hard to guess.</source>
        <translation>Quelques mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.</translation>
    </message>
    <message>
        <source>Weak: easy to guess. Add more words.</source>
        <translation>Faible : facile à deviner. Ajoutez des mots.</translation>
    </message>
    <message>
        <source>Fair: one or two more words would make it strong.</source>
        <translation>Moyenne : un ou deux mots de plus la rendraient solide.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Bonne.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Solide.</translation>
    </message>
    <message>
        <source>Choose a passphrase.</source>
        <translation>Choisissez une phrase de passe.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>Les deux phrases de passe ne sont pas identiques.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>You may be entitled to more</source>
        <translation>Vous pourriez avoir droit à plus</translation>
    </message>
    <message>
        <source>See my rights</source>
        <translation>Voir mes droits</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Électricité</translation>
    </message>
    <message>
        <source>Open the energy page</source>
        <translation>Ouvrir la page Énergie</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>Trajets</translation>
    </message>
    <message>
        <source>Open the mobility page</source>
        <translation>Ouvrir la page Mobilité</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Prestations</translation>
    </message>
    <message>
        <source>Open the benefits page</source>
        <translation>Ouvrir la page Prestations</translation>
    </message>
    <message>
        <source>The estimate of your rights finds %1, and the wallet saw nothing paid for it in the last three months. It is an estimate, not a decision.</source>
        <translation>L&apos;estimation de vos droits trouve %1, et le portefeuille n&apos;a vu aucun versement correspondant ces trois derniers mois. C&apos;est une estimation, pas une décision.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of electricity in %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; d&apos;électricité en %2.</translation>
    </message>
    <message>
        <source>%1 % against %2 (%3).</source>
        <translation>%1 % par rapport à %2 (%3).</translation>
    </message>
    <message>
        <source>No data for %1 to compare with.</source>
        <translation>Pas de données pour %1 à comparer.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n trip(s)&lt;/b&gt; in %1.</source>
        <translation>
            <numerusform>&lt;b&gt;%n trajet&lt;/b&gt; en %1.</numerusform>
            <numerusform>&lt;b&gt;%n trajets&lt;/b&gt; en %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>trips</source>
        <translation>trajets</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; received in %2.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; reçus en %2.</translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <source>Rows that would be shared</source>
        <translation>Lignes qui seraient partagées</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Save to a file instead…</source>
        <translation>Enregistrer plutôt dans un fichier…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>3. Exactly what would leave</source>
        <translation>3. Exactement ce qui partirait</translation>
    </message>
    <message>
        <source>%1 rows, %2 bytes of data, for %3 (%4).</source>
        <translation>%1 lignes, %2 octets de données, pour %3 (%4).</translation>
    </message>
    <message>
        <source>Warning: </source>
        <translation>Attention : </translation>
    </message>
    <message>
        <source>I agree to share these %1 rows with %2.</source>
        <translation>J&apos;accepte de partager ces %1 lignes avec %2.</translation>
    </message>
    <message>
        <source>Send to %1</source>
        <translation>Envoyer à %1</translation>
    </message>
    <message>
        <source>Save the signed package</source>
        <translation>Enregistrer le paquet signé</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
    <message>
        <source>Not shared: %1 Nothing was sent twice; try again later.</source>
        <translation>Non partagé : %1 Rien n&apos;a été envoyé deux fois ; réessayez plus tard.</translation>
    </message>
    <message>
        <source>Shared with %1: %2.</source>
        <translation>Partagé avec %1 : %2.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Dataset</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Compteur</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Grandeur</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualité</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Fare</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Distance (m)</source>
        <translation>Distance (m)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Organisme</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>Prestation</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Payé le</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Période du</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Période au</translation>
    </message>
    <message>
        <source>Found in the file</source>
        <translation>Trouvé dans le fichier</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Why it was not read</source>
        <translation>Pourquoi elle n&apos;a pas été lue</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <source>Restoring replaces the wallet with the backup %1. The current wallet is kept aside in the wallet folder. Type the passphrase that was valid when the backup was made (or its recovery code).</source>
        <translation>La restauration remplace le portefeuille par la sauvegarde %1. Le portefeuille actuel est mis de côté dans son dossier. Tapez la phrase de passe valable au moment de la sauvegarde (ou son code de secours).</translation>
    </message>
    <message>
        <source>Passphrase of the backup</source>
        <translation>Phrase de passe de la sauvegarde</translation>
    </message>
    <message>
        <source>This is the &amp;recovery code</source>
        <translation>C&apos;est le code de &amp;secours</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase de passe :</translation>
    </message>
</context>
<context>
    <name>RightsView</name>
    <message>
        <source>My household…</source>
        <translation>Mon foyer…</translation>
    </message>
    <message>
        <source>Estimate my rights</source>
        <translation>Estimer mes droits</translation>
    </message>
    <message>
        <source>Estimated rights and payments seen, per month</source>
        <translation>Droits estimés et versements constatés, par mois</translation>
    </message>
    <message>
        <source>Loading the model of French benefits (a few seconds)…</source>
        <translation>Chargement du modèle des prestations françaises (quelques secondes)…</translation>
    </message>
    <message>
        <source>The estimate failed. Please send a support report.</source>
        <translation>L&apos;estimation a échoué. Envoyez un rapport d&apos;assistance.</translation>
    </message>
    <message>
        <source>Household saved. Click “Estimate my rights”.</source>
        <translation>Foyer enregistré. Cliquez sur « Estimer mes droits ».</translation>
    </message>
    <message>
        <source>Describe your household, then ask for an estimate: the wallet works out, on this computer, which benefits you may be entitled to, and shows them beside what you were paid.</source>
        <translation>Décrivez votre foyer, puis demandez une estimation : le portefeuille calcule, sur cet ordinateur, les prestations auxquelles vous pourriez avoir droit, et les montre à côté de ce que vous avez reçu.</translation>
    </message>
    <message>
        <source>&lt;b&gt;An estimate, not a decision&lt;/b&gt;: only the paying organisation decides. OpenFisca-France %1, legislation up to %2.</source>
        <translation>&lt;b&gt;Une estimation, pas une décision&lt;/b&gt; : seul l&apos;organisme payeur décide. OpenFisca-France %1, législation jusqu&apos;au %2.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Benefit</source>
        <translation>Prestation</translation>
    </message>
    <message>
        <source>Estimate (€)</source>
        <translation>Estimation (€)</translation>
    </message>
    <message>
        <source>Paid (€)</source>
        <translation>Versé (€)</translation>
    </message>
    <message>
        <source>Difference (€)</source>
        <translation>Écart (€)</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratuite</translation>
    </message>
    <message>
        <source>You may be entitled: ask %1. %2</source>
        <translation>Vous pourriez y avoir droit : demandez-la à %1. %2</translation>
    </message>
    <message>
        <source>Less paid than estimated: check your file with %1.</source>
        <translation>Moins versé qu&apos;estimé : vérifiez votre dossier auprès de %1.</translation>
    </message>
    <message>
        <source>More paid than estimated: check your answers; tell %1 of changes.</source>
        <translation>Plus versé qu&apos;estimé : vérifiez vos réponses ; signalez tout changement à %1.</translation>
    </message>
    <message>
        <source>Matches the estimate.</source>
        <translation>Conforme à l&apos;estimation.</translation>
    </message>
    <message>
        <source>The wallet cannot tell what was paid.</source>
        <translation>Le portefeuille ne peut pas dire ce qui a été versé.</translation>
    </message>
    <message>
        <source>the adults of the household</source>
        <translation>les adultes du foyer</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>activité</translation>
    </message>
    <message>
        <source>monthly salary</source>
        <translation>salaire mensuel</translation>
    </message>
    <message>
        <source>monthly unemployment benefit</source>
        <translation>allocation chômage mensuelle</translation>
    </message>
    <message>
        <source>monthly pension</source>
        <translation>retraite mensuelle</translation>
    </message>
    <message>
        <source>disability</source>
        <translation>handicap</translation>
    </message>
    <message>
        <source>pregnancy</source>
        <translation>grossesse</translation>
    </message>
    <message>
        <source>children</source>
        <translation>enfants</translation>
    </message>
    <message>
        <source>housing</source>
        <translation>logement</translation>
    </message>
    <message>
        <source>rent</source>
        <translation>loyer</translation>
    </message>
    <message>
        <source>commune (INSEE code)</source>
        <translation>commune (code INSEE)</translation>
    </message>
    <message>
        <source>tax notice (import your avis d&apos;impôt)</source>
        <translation>avis d&apos;impôt (importez-le)</translation>
    </message>
    <message>
        <source>adult %1: %2</source>
        <translation>adulte %1 : %2</translation>
    </message>
    <message>
        <source>child %1: %2</source>
        <translation>enfant %1 : %2</translation>
    </message>
    <message>
        <source>adult %1: %2 (from %3 payments, %4 months)</source>
        <translation>adulte %1 : %2 (versements %3, %4 mois)</translation>
    </message>
    <message>
        <source>Filled from the payments in your wallet:</source>
        <translation>Rempli à partir des versements de votre portefeuille :</translation>
    </message>
    <message>
        <source>Not answered, which limits this estimate:</source>
        <translation>Sans réponse, ce qui limite cette estimation :</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>My passphrase or recovery code may be known</source>
        <translation>Ma phrase de passe ou mon code de secours est peut-être connu</translation>
    </message>
    <message>
        <source>The wallet draws a new key, re-encrypts your data with it and gives you a new recovery code. After that, your old passphrase, your old recovery code and any copy of the wallet&apos;s old key file open nothing. Backups made before still open with the old passphrase: make a new backup and destroy the old ones.</source>
        <translation>Le portefeuille tire une nouvelle clé, rechiffre vos données avec elle et vous donne un nouveau code de secours. Ensuite, votre ancienne phrase de passe, votre ancien code de secours et toute copie de l’ancien fichier de clés n’ouvrent plus rien. Les sauvegardes faites avant s’ouvrent toujours avec l’ancienne phrase de passe : faites une nouvelle sauvegarde et détruisez les anciennes.</translation>
    </message>
    <message>
        <source>Re-encrypting the wallet…</source>
        <translation>Rechiffrement du portefeuille…</translation>
    </message>
    <message>
        <source>Done. Your NEW recovery code (write it down; it is shown only now): %1</source>
        <translation>C’est fait. Votre NOUVEAU code de secours (notez-le ; il n’est montré que maintenant) : %1</translation>
    </message>
    <message>
        <source>The wallet has a new key, a new passphrase and a new recovery code.</source>
        <translation>Le portefeuille a une nouvelle clé, une nouvelle phrase de passe et un nouveau code de secours.</translation>
    </message>
</context>
<context>
    <name>ServicesTab</name>
    <message>
        <source>Add a service from a file…</source>
        <translation>Ajouter un service depuis un fichier…</translation>
    </message>
    <message>
        <source>Services you can share with</source>
        <translation>Services avec lesquels vous pouvez partager</translation>
    </message>
    <message>
        <source>Service descriptor</source>
        <translation>Description de service</translation>
    </message>
    <message>
        <source>Descriptors (*.json)</source>
        <translation>Descriptions (*.json)</translation>
    </message>
    <message>
        <source>Service added: %1</source>
        <translation>Service ajouté : %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>Celle de l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Français</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Lock &amp;after:</source>
        <translation>Verrouiller &amp;après :</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> min d&apos;inactivité</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Verrouiller après ce nombre de minutes d&apos;inactivité</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase de passe</translation>
    </message>
    <message>
        <source>&amp;Remember the wallet on this computer</source>
        <translation>Se &amp;souvenir du portefeuille sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Change the passphrase…</source>
        <translation>&amp;Changer la phrase de passe…</translation>
    </message>
    <message>
        <source>My passphrase or recovery code may be &amp;known…</source>
        <translation>Ma phrase de passe ou mon code de secours est peut-être &amp;connu…</translation>
    </message>
    <message>
        <source>Your wallet&apos;s files</source>
        <translation>Les fichiers de votre portefeuille</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Sauvegarder…</translation>
    </message>
    <message>
        <source>Re&amp;store a backup…</source>
        <translation>Re&amp;staurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Show the &amp;folder</source>
        <translation>Afficher le &amp;dossier</translation>
    </message>
    <message>
        <source>Your wallet is in %1</source>
        <translation>Votre portefeuille est dans %1</translation>
    </message>
    <message>
        <source>The wallet now opens without asking here.</source>
        <translation>Le portefeuille s&apos;ouvre désormais sans rien demander ici.</translation>
    </message>
    <message>
        <source>This computer no longer remembers it.</source>
        <translation>Cet ordinateur ne s&apos;en souvient plus.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sauvegarde en cours…</translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>Sauvegardé dans %1.</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>La sauvegarde a échoué : %1</translation>
    </message>
    <message>
        <source>Back up the wallet</source>
        <translation>Sauvegarder le portefeuille</translation>
    </message>
    <message>
        <source>Wallet backups (*.zip)</source>
        <translation>Sauvegardes du portefeuille (*.zip)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
</context>
<context>
    <name>ShareWizard</name>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>1. Service</source>
        <translation>1. Service</translation>
    </message>
    <message>
        <source>Data asked for</source>
        <translation>Données demandées</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Replace identifiers by a code for this service</source>
        <translation>Remplacer les identifiants par un code propre à ce service</translation>
    </message>
    <message>
        <source>Suggest the least the service needs</source>
        <translation>Proposer le minimum dont le service a besoin</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Preview what would leave</source>
        <translation>Voir ce qui partirait</translation>
    </message>
    <message>
        <source>2. Detail</source>
        <translation>2. Niveau de détail</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>Au (inclus)</translation>
    </message>
    <message>
        <source> (kept %1)</source>
        <translation> (conservées %1)</translation>
    </message>
    <message>
        <source>Add a service first.</source>
        <translation>Ajoutez d&apos;abord un service.</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Partager</translation>
    </message>
    <message>
        <source>Shared data</source>
        <translation>Données partagées</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was shared.</source>
        <translation>Un problème est survenu ; rien n&apos;a été partagé.</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Your wallet is locked</source>
        <translation>Votre portefeuille est verrouillé</translation>
    </message>
    <message>
        <source>Wallet: %1</source>
        <translation>Portefeuille : %1</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase de passe :</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase de passe</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>&amp;Forgot it?</source>
        <translation>&amp;Oubliée ?</translation>
    </message>
    <message>
        <source>Open with your recovery code</source>
        <translation>Ouvrir avec votre code de secours</translation>
    </message>
    <message>
        <source>Type the recovery code you wrote down when the wallet was created (five groups of five characters), then choose a new passphrase.</source>
        <translation>Tapez le code de secours noté à la création du portefeuille (cinq groupes de cinq caractères), puis choisissez une nouvelle phrase de passe.</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>&amp;Code de secours :</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>Unlock and &amp;set the new passphrase</source>
        <translation>Déverrouiller et &amp;définir la nouvelle phrase de passe</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <source>Type your recovery code.</source>
        <translation>Tapez votre code de secours.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Try again.</source>
        <translation>Cette phrase de passe n&apos;est pas la bonne. Réessayez.</translation>
    </message>
    <message>
        <source>That recovery code is not right. Check it and try again.</source>
        <translation>Ce code de secours n&apos;est pas le bon. Vérifiez-le et réessayez.</translation>
    </message>
    <message>
        <source>The wallet could not be opened: %1</source>
        <translation>Le portefeuille n&apos;a pas pu être ouvert : %1</translation>
    </message>
    <message>
        <source>The wallet could not be opened (%1).</source>
        <translation>Le portefeuille n&apos;a pas pu être ouvert (%1).</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Mobility</source>
        <translation>Mobilité</translation>
    </message>
    <message>
        <source>Benefits</source>
        <translation>Prestations</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
</context>
<context>
    <name>_AdultBox</name>
    <message>
        <source>Adult %1</source>
        <translation>Adulte %1</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>En emploi</translation>
    </message>
    <message>
        <source>Unemployed</source>
        <translation>Au chômage</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Étudiant(e)</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retraité(e)</translation>
    </message>
    <message>
        <source>Other, not working</source>
        <translation>Autre, sans emploi</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Net salary per month (€)</source>
        <translation>Salaire net mensuel (€)</translation>
    </message>
    <message>
        <source>Unemployment benefit per month (€)</source>
        <translation>Allocation chômage mensuelle (€)</translation>
    </message>
    <message>
        <source>Pension per month, before deductions (€)</source>
        <translation>Retraite mensuelle, montant brut (€)</translation>
    </message>
    <message>
        <source>empty: not answered; 0: none</source>
        <translation>vide : sans réponse ; 0 : aucun</translation>
    </message>
    <message>
        <source>No recognised disability</source>
        <translation>Aucun handicap reconnu</translation>
    </message>
    <message>
        <source>Rate from 50 to 79 %</source>
        <translation>Taux de 50 à 79 %</translation>
    </message>
    <message>
        <source>Rate of 80 % or more</source>
        <translation>Taux de 80 % ou plus</translation>
    </message>
    <message>
        <source>Disability (MDPH)</source>
        <translation>Handicap (MDPH)</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation>Enceinte</translation>
    </message>
</context>
</TS>
