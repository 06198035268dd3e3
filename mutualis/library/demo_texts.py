"""The demonstration experience reports: our own summaries, in French, of the experiences
told in the seed documents (../shared/domain.md §4, seeds 000 to 004). Demonstration content
only: titles and contexts say so."""

PREFIX = "[Démonstration] "

REPORTS = [
    {
        "key": "grappe-editeur-hebergement",
        "initiative_type": "grappe_esms_numerique",
        "region": "32",
        "published_on": "2025-03-10",
        "title": "Une grappe ESMS numérique formée autour d'un même éditeur de DUI et d'un "
        "hébergement externe",
        "context": "Quatorze établissements de plusieurs organismes gestionnaires des "
        "Hauts-de-France voulaient candidater ensemble au programme ESMS numérique. Leur point "
        "commun : le même éditeur de dossier usager informatisé (DUI) et des données confiées à "
        "un hébergeur externe. Un seul devait acquérir le logiciel, les treize autres faire "
        "évoluer une installation existante.\nDémonstration : synthèse rédigée par l'équipe "
        "Mutualis d'après un témoignage présenté au webinaire du Collectif SI MS "
        "Hauts-de-France (mai 2022).",
        "actors": "Une société d'économie mixte qui gère des résidences pour personnes âgées, "
        "porteuse de la grappe ; les autres organismes membres ; le collectif régional des SI "
        "sociaux et médico-sociaux, qui a réuni les candidats et animé deux journées de "
        "travail ; l'ARS et le GRADeS, qui suivent le porteur ; une assistance à maîtrise "
        "d'ouvrage (AMOA) choisie en commun.",
        "pooled": "Le projet de DUI lui-même : même éditeur, même hébergement externalisé, un "
        "marché public et une chefferie de projet communs. Les membres se prêtent aussi des "
        "compétences : un délégué à la protection des données sorti d'une mise en conformité "
        "récente, une cadre de santé pour le paramétrage du dossier de soins.",
        "timeline": "Réunions d'information du collectif au printemps ; deux journées "
        "accompagnées pour monter la candidature ; convention signée avec l'ARS à l'automne. "
        "Depuis : trois réunions en visioconférence et une sur site, chaque membre recevant à "
        "son tour. AMOA retenue, pièces du marché en préparation, premier versement de 40 % "
        "des crédits attendu. Le calendrier est tenu avec un léger retard.",
        "worked": "Partir d'un critère concret et partagé (même éditeur, hébergement externe) a "
        "évité de longs débats sur la solution. Les deux journées pour se connaître ont été "
        "décisives : statuts juridiques différents, situations différentes (une acquisition, "
        "treize montées de version), motivation de chacun vérifiée. L'état des lieux numérique "
        "de chaque membre (matériel, prérequis, présence d'un DPO, ressources humaines) a donné "
        "un budget réaliste. La grappe fonctionne bien parce que les partenaires se "
        "connaissent.",
        "did_not_work": "Les notions d'indivisibilité du projet, d'identité nationale de santé "
        "(INS) et d'interopérabilité étaient mal connues et ont demandé du temps "
        "d'explication. L'attente du premier versement ralentit le lancement du marché.",
        "benefits": "Une candidature solide, des coûts d'AMOA et de chefferie de projet "
        "partagés, une montée en compétence des petits établissements grâce aux ressources "
        "prêtées par les autres.",
        "costs": "Financement ESMS numérique par établissement, versé en tranches ; les "
        "missions du porteur ne sont pas rémunérées ; chacun achète son matériel auprès du "
        "fournisseur de son choix.",
        "advice": "Choisissez vos partenaires sur des critères concrets (éditeur, "
        "hébergement), prenez le temps de vous connaître avant d'écrire, faites l'état des "
        "lieux de chacun et appuyez-vous sur le collectif régional et le GRADeS.",
        "tags": [
            "finalite_commune",
            "choix_concertes",
            "roles_clarifies",
            "portage_strategique",
            "competences_equivalentes",
            "securiser_engagement",
            "complexite_projet",
        ],
    },
    {
        "key": "cahier-des-charges-commun",
        "initiative_type": "cahier_des_charges",
        "region": "44",
        "published_on": "2025-02-03",
        "title": "Un cahier des charges commun écrit par deux organismes gestionnaires",
        "context": "Deux associations gestionnaires d'établissements pour personnes "
        "handicapées, l'une d'une cinquantaine d'ESSMS, l'autre d'une soixantaine, devaient "
        "remplacer des outils de suivi vieillissants et disparates. Plutôt que de consulter "
        "chacune de leur côté, elles ont exprimé ensemble leurs besoins.\nDémonstration : "
        "synthèse rédigée par l'équipe Mutualis d'après les retours d'expérience publiés par "
        "l'ANAP (2020) et son enquête auprès de 24 structures (2021).",
        "actors": "Les deux directions générales ; dans chaque association un binôme formé "
        "d'un profil technique et d'un profil métier ; des professionnels de chaque type "
        "d'établissement ; un consultant pour animer les ateliers et rédiger.",
        "pooled": "L'expression des besoins : un cahier des charges commun décrivant les "
        "fonctions attendues du dossier usager, les exigences techniques (interopérabilité, "
        "robustesse, hébergement), la reprise des données et l'accompagnement au changement. "
        "Chaque association a ensuite mené sa propre consultation à partir de ce document.",
        "timeline": "Trois mois d'harmonisation des pratiques sur le périmètre visé, deux mois "
        "d'état des lieux des infrastructures, quatre mois d'ateliers et de rédaction, puis "
        "des consultations séparées.",
        "worked": "Harmoniser d'abord les pratiques sur le périmètre du futur logiciel a fait "
        "converger les besoins. Le binôme technique et métier de chaque association a traduit "
        "les attentes des équipes en exigences claires. Le soutien affiché des deux directions "
        "a libéré du temps pour les ateliers.",
        "did_not_work": "L'état des lieux a révélé tard des réseaux insuffisants dans "
        "plusieurs établissements. Certains services voulaient garder leurs particularités et "
        "ont multiplié les demandes spécifiques : il a fallu arbitrer.",
        "benefits": "Un coût de rédaction divisé par deux, des éditeurs mieux informés, des "
        "offres comparables et un vocabulaire commun utile pour d'autres coopérations.",
        "costs": "Honoraires du consultant partagés à parts égales ; temps des équipes "
        "valorisé dans le cadre du CPOM.",
        "advice": "Faites l'état des lieux des infrastructures avant d'écrire, fixez tôt la "
        "règle d'arbitrage entre besoins communs et particuliers, et formalisez la coopération "
        "dans une convention courte.",
        "tags": [
            "choix_concertes",
            "memes_droits",
            "portage_strategique",
            "perception_positive",
            "securiser_engagement",
            "individualisation",
            "cultures_heterogenes",
        ],
    },
    {
        "key": "dpo-partage",
        "initiative_type": "personnel",
        "region": "84",
        "published_on": "2025-04-14",
        "title": "Un délégué à la protection des données (DPO) partagé pour le RGPD et la "
        "sécurité du SI",
        "context": "Trois associations de l'aide à domicile et de la protection de l'enfance, "
        "de 5 à 12 ESSMS chacune, devaient se mettre en conformité avec le RGPD. Aucune "
        "n'avait les moyens de recruter seule un délégué à la protection des données, ni un "
        "responsable de la sécurité des systèmes d'information.\nDémonstration : synthèse "
        "rédigée par l'équipe Mutualis d'après les retours d'expérience de l'ANAP (2020) et le "
        "webinaire du Collectif SI MS Hauts-de-France (2022).",
        "actors": "Les trois directions ; un DPO recruté par la plus grande association et mis "
        "à disposition des deux autres ; des référents dans chaque établissement ; le GRADeS "
        "pour la formation.",
        "pooled": "Un poste de DPO à temps plein, partagé selon une clé de répartition ; un "
        "registre des traitements, des modèles de documents (information des personnes "
        "accompagnées, clauses des contrats avec les éditeurs) et une politique de sécurité "
        "communs ; la sensibilisation des équipes à la cybersécurité.",
        "timeline": "Six mois entre la décision et l'arrivée du DPO ; la première année "
        "consacrée au registre et aux contrats, la deuxième aux droits d'accès et aux "
        "sauvegardes.",
        "worked": "La mise en conformité a servi de déclencheur commun : l'obligation était la "
        "même pour tous et personne ne craignait d'être absorbé. La convention de mise à "
        "disposition, signée avant le recrutement, a fixé le temps consacré à chacun et le "
        "rôle des référents.",
        "did_not_work": "Un changement de direction dans une association a remis en cause la "
        "clé de répartition la deuxième année. Le DPO, seul face à trois organisations, a "
        "manqué de relais quand les référents n'avaient pas de temps dédié.",
        "benefits": "Registre à jour, contrats revus, incidents mieux traités ; un "
        "interlocuteur unique pour la CNIL et pour les éditeurs.",
        "costs": "Salaire du DPO réparti au prorata du nombre d'ESSMS ; formation des "
        "référents financée par l'opérateur de compétences.",
        "advice": "Signez la convention avant le recrutement, donnez du temps réel aux "
        "référents et prévoyez ce qui se passe si un membre se retire.",
        "tags": [
            "declencheur_commun",
            "securiser_engagement",
            "roles_clarifies",
            "memes_droits",
            "gouvernance_instable",
            "ressources_humaines",
        ],
    },
    {
        "key": "groupement-achat",
        "initiative_type": "groupement_achat",
        "region": "76",
        "published_on": "2025-01-20",
        "title": "Un groupement d'achat pour les postes de travail et les tablettes des équipes",
        "context": "Cinq petits organismes gestionnaires d'un même département équipaient "
        "leurs professionnels au coup par coup, cher et avec du matériel hétérogène difficile "
        "à maintenir. Le déploiement d'un dossier usager mobile imposait d'équiper les équipes "
        "de terrain en tablettes.\nDémonstration : synthèse rédigée par l'équipe Mutualis "
        "d'après les retours d'expérience de l'ANAP sur les achats groupés (2020, 2021).",
        "actors": "Cinq organismes gestionnaires, dont un coordonnateur du groupement de "
        "commandes ; une centrale d'achat consultée en parallèle ; les responsables "
        "informatiques et les cadres de proximité pour définir les besoins.",
        "pooled": "Les achats de matériel informatique : postes de travail, tablettes "
        "durcies, smartphones, leur maintenance et l'outil de gestion de flotte mobile, par "
        "un groupement de commandes et un marché commun.",
        "timeline": "Recensement des besoins en deux mois, marché publié le troisième mois, "
        "attribué le cinquième, livraisons échelonnées sur six mois.",
        "worked": "Le recensement précis des besoins de chaque membre a permis un lot unique "
        "et des prix négociés bien plus bas. Un coordonnateur neutre, désigné dans la "
        "convention constitutive du groupement, a rassuré les plus petits. L'expérience a "
        "ouvert l'accès au système d'acquisition dynamique du RESAH pour les achats suivants.",
        "did_not_work": "Les délais de livraison ont dépassé les prévisions ; un membre "
        "voulait un autre modèle de tablette, ce qui a compliqué le marché. Les plus petites "
        "structures ont eu du mal à dégager du temps pour la recette du matériel.",
        "benefits": "Environ 20 % d'économie sur les prix unitaires, un parc homogène plus "
        "simple à maintenir, une gestion de flotte commune.",
        "costs": "Frais de procédure avancés par le coordonnateur puis refacturés au prorata "
        "des commandes ; chaque membre paie son matériel.",
        "advice": "Commencez par un achat simple et fréquent pour roder le groupement, arrêtez "
        "la liste des modèles avant de lancer le marché et prévoyez du temps de recette.",
        "tags": [
            "finalite_commune",
            "choix_concertes",
            "roles_clarifies",
            "perception_positive",
            "individualisation",
            "ressources_humaines",
        ],
    },
    {
        "key": "entrepot-donnees",
        "initiative_type": "entrepot_donnees",
        "region": "75",
        "published_on": "2025-05-05",
        "title": "Un entrepôt de données commun pour piloter l'activité de quatre organismes",
        "context": "Quatre organismes gestionnaires réunis dans un groupement de coopération "
        "sociale et médico-sociale (GCSMS) produisaient leurs indicateurs d'activité à la "
        "main, dans des tableurs, à partir de logiciels différents. Les tableaux de bord "
        "demandés par les financeurs et les conseils d'administration prenaient des "
        "semaines.\nDémonstration : synthèse rédigée par l'équipe Mutualis d'après les "
        "retours d'expérience de l'ANAP (2020).",
        "actors": "Le GCSMS, porteur ; les contrôleurs de gestion des quatre organismes ; un "
        "prestataire pour l'outil décisionnel ; le délégué à la protection des données du "
        "groupement pour l'analyse d'impact.",
        "pooled": "Un entrepôt de données alimenté chaque nuit par les logiciels de gestion, "
        "de paie et les dossiers usagers des membres, avec un référentiel commun "
        "d'indicateurs (taux d'occupation, file active, absentéisme) et des tableaux de bord "
        "partagés.",
        "timeline": "Six mois pour s'accorder sur la définition des indicateurs, neuf mois de "
        "construction, puis une mise en service organisme par organisme.",
        "worked": "S'accorder sur les définitions des indicateurs avant tout choix technique. "
        "La pseudonymisation des données des personnes accompagnées, validée avec le délégué "
        "à la protection des données, a levé les réticences. Les directions utilisent les "
        "mêmes tableaux de bord en comité de pilotage.",
        "did_not_work": "Les extractions depuis des logiciels anciens ont coûté cher ; le "
        "membre le moins avancé a pris du retard et a eu le sentiment de subir les choix des "
        "autres.",
        "benefits": "Des indicateurs disponibles chaque matin au lieu de plusieurs semaines, "
        "des comparaisons entre établissements, un dialogue de gestion facilité avec l'ARS et "
        "le département.",
        "costs": "Licence de l'outil décisionnel et hébergement partagés au sein du GCSMS, au "
        "prorata du nombre d'établissements ; une aide régionale à l'investissement.",
        "advice": "Commencez par cinq indicateurs partagés, documentez leurs définitions et "
        "accompagnez le membre le moins avancé pour qu'il ne se sente pas distancé.",
        "tags": [
            "finalite_commune",
            "representation_collective",
            "portage_strategique",
            "competences_equivalentes",
            "cultures_heterogenes",
            "crainte_absorption",
            "complexite_projet",
        ],
    },
    {
        "key": "infrastructure-freins",
        "initiative_type": "infrastructure",
        "region": "28",
        "published_on": "2024-11-25",
        "title": "Partager l'infrastructure avec un partenaire plus grand : les freins d'un "
        "projet mis en pause",
        "context": "Un grand organisme gestionnaire, doté d'un service informatique et d'une "
        "salle serveurs, a proposé à trois petites associations voisines d'héberger leurs "
        "applications, leur messagerie et leurs sauvegardes. Le projet a été suspendu au bout "
        "d'un an.\nDémonstration : synthèse rédigée par l'équipe Mutualis à partir des freins "
        "recensés lors d'un atelier des journées nationales du numérique en santé consacré à "
        "l'accélération de la mutualisation des SI (octobre 2022).",
        "actors": "L'organisme porteur et son service informatique ; les directions des trois "
        "associations ; aucun acteur neutre pour animer le projet.",
        "pooled": "Prévu : l'hébergement des applications et de la messagerie, les "
        "sauvegardes, le support et la protection du réseau. Réalisé : un audit commun du parc "
        "informatique.",
        "timeline": "Audit du parc au premier trimestre, proposition technique au deuxième, "
        "discussion de la convention au troisième, suspension en fin d'année.",
        "worked": "L'audit commun a montré à chacun l'état réel de son parc et a servi à "
        "d'autres projets ; les équipes informatiques ont appris à travailler ensemble.",
        "did_not_work": "Les petites associations ont craint d'être absorbées par le plus "
        "grand : outils imposés, coûts mal connus, perte d'autonomie. Les cultures et les "
        "niveaux de maturité étaient très différents. Le chef de projet, salarié du porteur, "
        "n'était pas formé à la conduite d'une mutualisation et n'était pas perçu comme "
        "neutre. Un changement de direction chez un membre a ensuite bloqué les décisions.",
        "benefits": "Peu de bénéfices directs ; un diagnostic partagé et une relation de "
        "confiance qui a permis, deux ans plus tard, un achat groupé plus modeste.",
        "costs": "Audit financé par le porteur ; temps des équipes non valorisé.",
        "advice": "Avancez par paliers en commençant petit ; confiez l'animation à un acteur "
        "neutre ; montrez dès le départ que chacun garde son autonomie et les mêmes droits, "
        "quelle que soit sa taille.",
        "tags": [
            "crainte_absorption",
            "cultures_heterogenes",
            "chefs_projet_non_formes",
            "prise_de_pouvoir",
            "gouvernance_instable",
            "ressources_humaines",
        ],
    },
]
